namespace PeerFlow.Domain.Email;

/// <summary>The templates in Email/Templates, with the model each expects.</summary>
public static class EmailTemplateNames
{
    /// <summary>Model: <see cref="ReferralReceivedModel"/>.</summary>
    public const string ReferralReceived = "referral-received";

    /// <summary>Model: <see cref="ReferralReceivedCoordinatorModel"/>.</summary>
    public const string ReferralReceivedCoordinator = "referral-received-coordinator";

    /// <summary>Model: <see cref="AssessmentReminderModel"/>.</summary>
    public const string AssessmentReminder = "assessment-reminder";

    /// <summary>Model: <see cref="AssessmentOverdueModel"/>.</summary>
    public const string AssessmentOverdue = "assessment-overdue";

    /// <summary>Model: <see cref="AssessmentEscalationModel"/>.</summary>
    public const string AssessmentEscalation = "assessment-escalation";

    /// <summary>Model: <see cref="MatchProposedModel"/>.</summary>
    public const string MatchProposed = "match-proposed";

    /// <summary>Model: <see cref="MatchProposedModel"/>.</summary>
    public const string MatchReminder = "match-reminder";

    /// <summary>Model: <see cref="MatchEscalationModel"/>.</summary>
    public const string MatchEscalation = "match-escalation";

    /// <summary>News about matching for the coordinator or manager: a decline, nobody free, a long wait.</summary>
    public const string MatchUpdate = "match-update";

    /// <summary>Model: <see cref="MatchConfirmedModel"/>.</summary>
    public const string MatchConfirmed = "match-confirmed";

    /// <summary>Model: <see cref="CheckInReminderModel"/>; attach <see cref="CheckInInvite"/>.</summary>
    public const string CheckInReminder = "checkin-reminder";

    /// <summary>Model: <see cref="CheckInOverdueModel"/>.</summary>
    public const string CheckInOverdue = "checkin-overdue";

    /// <summary>Model: <see cref="FirstMeetingOverdueModel"/>.</summary>
    public const string FirstMeetingOverdue = "first-meeting-overdue";

    /// <summary>Model: <see cref="CheckInRedModel"/>.</summary>
    public const string CheckInRed = "checkin-red";

    /// <summary>Model: <see cref="SafeguardingAlertModel"/>.</summary>
    public const string SafeguardingAlert = "safeguarding-alert";

    /// <summary>Model: <see cref="FeedbackRequestModel"/>.</summary>
    public const string FeedbackRequest = "feedback-request";

    /// <summary>Model: <see cref="FeedbackRequestModel"/>.</summary>
    public const string FeedbackReminder = "feedback-reminder";

    /// <summary>Model: <see cref="MonthlyReportModel"/>.</summary>
    public const string MonthlyReport = "monthly-report";

    /// <summary>Model: <see cref="MentorCheckModel"/>.</summary>
    public const string MentorCheck = "mentor-check";

    /// <summary>Model: <see cref="ReferralFloodModel"/>.</summary>
    public const string ReferralFlood = "referral-flood";

    /// <summary>Model: <see cref="CoordinatorDigestModel"/>.</summary>
    public const string CoordinatorDigest = "coordinator-digest";

    /// <summary>Model: <see cref="ReferrerUpdateModel"/>.</summary>
    public const string ReferrerUpdate = "referrer-update";

    public static IReadOnlyList<string> All { get; } =
    [
        ReferralReceived, ReferralReceivedCoordinator, AssessmentReminder, AssessmentOverdue, AssessmentEscalation,
        MatchProposed, MatchReminder, MatchEscalation, MatchUpdate, MatchConfirmed, CheckInReminder, CheckInOverdue, FirstMeetingOverdue, CheckInRed,
        SafeguardingAlert, FeedbackRequest, FeedbackReminder, MonthlyReport, MentorCheck, ReferralFlood, CoordinatorDigest, ReferrerUpdate,
    ];
}

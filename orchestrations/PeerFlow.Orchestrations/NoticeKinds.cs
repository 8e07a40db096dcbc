namespace PeerFlow.Orchestrations;

/// <summary>
/// The names under which the lifecycle remembers a notice as sent in its stage (<see cref="LifecycleState.Sent"/>):
/// one rule for the workflow and for a restart that rebuilds what was sent from the outbox.
/// </summary>
public static class NoticeKinds
{
    public static string Of(Notice notice) => notice switch
    {
        Notice.AssessmentReminder => "assessment-reminder",
        Notice.AssessmentOverdue => "assessment-overdue",
        Notice.AssessmentEscalation => "assessment-escalation",
        Notice.RecontactDue => "recontact-due",
        Notice.MatchReminder => "match-reminder",
        Notice.MatchWaitEscalation => "match-wait-escalation",
        Notice.CheckInReminder => "checkin-reminder",
        Notice.CheckInOverdue => "checkin-overdue",
        Notice.FirstMeetingOverdue => "first-meeting-overdue",
        Notice.MatchReview => "match-review",
        Notice.FeedbackReminder => "feedback-reminder",
        Notice.RedCheckIn => "checkin-red",
        _ => notice.ToString(),
    };
}

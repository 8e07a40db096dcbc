namespace PeerFlow.Domain.Email;

/// <summary>checkin-reminder: to the mentor, with a signed link and a calendar invite (<see cref="CheckInInvite"/>).</summary>
public sealed record CheckInReminderModel(
    string RecipientFirstName,
    string MenteeFirstName,
    string SchemeName,
    DateOnly DueDate,
    string LogCheckInUrl,
    DateTimeOffset LinkExpiresAt);

/// <summary>checkin-overdue: to the coordinator.</summary>
public sealed record CheckInOverdueModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string MentorFirstName,
    DateOnly DueDate,
    string ReferralUrl);

/// <summary>first-meeting-overdue: to the coordinator, when no first meeting has been recorded by its date.</summary>
public sealed record FirstMeetingOverdueModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string MentorFirstName,
    DateOnly MeetBy,
    string ReferralUrl);

/// <summary>checkin-red: to the coordinator, when a check-in says the match has serious problems.</summary>
public sealed record CheckInRedModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string MentorFirstName,
    string ReferralUrl);

/// <summary>feedback-request and feedback-reminder: to the mentee and the mentor, with a signed link.</summary>
public sealed record FeedbackRequestModel(
    string RecipientFirstName,
    string SchemeName,
    string FeedbackUrl,
    DateTimeOffset RespondBy)
{
    /// <summary>The mentee's signed link to the scheme's outcome questions at closure; empty when none are asked or they were answered.</summary>
    public string OutcomeUrl { get; init; } = "";
}

/// <summary>monthly-report: to the scheme manager.</summary>
/// <param name="Month">Any day of the reported month.</param>
/// <param name="Figures">The month's headline counts, as the report has them; none when it could not be produced.</param>
public sealed record MonthlyReportModel(
    string RecipientFirstName,
    string OrganisationName,
    DateOnly Month,
    string ReportUrl,
    IReadOnlyList<HeadlineFigure> Figures);

/// <summary>
/// One headline count of a monthly report: aggregated numbers only, never anyone's details.
/// </summary>
/// <param name="Value">As the report prints it: "6", or "5 of 6".</param>
/// <param name="Change">From the month before: "+2", "-1" or "no change".</param>
public sealed record HeadlineFigure(string Label, string Value, string Change);

/// <summary>
/// mentor-check: to the coordinator, 30 days before a mentor's DBS check or training runs out and on the day it does.
/// <paramref name="CurrentFamilies"/>: the matches that need a decision once it has run out.
/// </summary>
public sealed record MentorCheckModel(
    string RecipientFirstName,
    string MentorName,
    string SchemeName,
    string Check,
    DateOnly Expires,
    bool Lapsed,
    int CurrentFamilies,
    string MentorUrl);

/// <summary>
/// referral-flood: to the coordinator, once an hour at most, when more new referrals arrive than the scheme alerts on
/// one by one (<paramref name="PerHour"/>); the rest wait on the dashboard and in the 09:00 digest.
/// </summary>
public sealed record ReferralFloodModel(string RecipientFirstName, string SchemeName, int PerHour, string DashboardUrl);

/// <summary>One line of a coordinator's digest: a reference and what fell due, with the referral's page.</summary>
public sealed record DigestLine(string Reference, string Text, DateTimeOffset HeldAt, string ReferralUrl);

/// <summary>
/// coordinator-digest: to the coordinator at 09:00 London, what fell due since the last one and could wait.
/// <paramref name="Flooded"/>: how many were new referrals held in a flood rather than by the coordinator's choice.
/// </summary>
public sealed record CoordinatorDigestModel(
    string RecipientFirstName,
    string SchemeName,
    DateOnly Day,
    IReadOnlyList<DigestLine> Items,
    int Flooded,
    string DashboardUrl,
    string PreferenceUrl);

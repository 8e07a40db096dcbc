namespace PeerFlow.Domain.Notices;

/// <summary>
/// One notice as it is named everywhere. <paramref name="Kind"/> is how the workflow remembers it as sent in a stage
/// (carried in waiting instances' state) and how the schedule board names it; <paramref name="Timeline"/> is the
/// referral's timeline line; <paramref name="Digest"/> the coordinator's digest line when it differs;
/// <paramref name="Scheduled"/> what the dashboard says it will do while it is scheduled.
/// </summary>
public sealed record NoticeEntry(Notice Notice, string Kind, bool Urgent, string Timeline, string? Digest = null, string? Scheduled = null)
{
    /// <summary>How it reads in the coordinator's 09:00 digest and the dashboard's list of held notices.</summary>
    public string DigestLine => Digest ?? Timeline;
}

/// <summary>A lifecycle stage as the schedule board names it, with the deadline the dashboard lists for it.</summary>
public sealed record StageEntry(string Name, string DeadlineKind, string DueLabel, string OverdueLabel);

/// <summary>
/// The one catalogue of the lifecycle's notice codes, schedule entries and stages: the workflow, delivery, the digest,
/// the timeline and the dashboard read their names and words here. Kinds and codes are stored (outbox rows, timeline
/// rows, the workflow's state in waiting instances), so an entry's <see cref="NoticeEntry.Kind"/> never changes;
/// its words may.
/// </summary>
public static class NoticeCatalog
{
    /// <summary>The schedule board's entry for a proposal's answer falling due (the proposal lapses if none).</summary>
    public const string MatchResponseDue = "match-response-due";

    /// <summary>The schedule board's entry for the end of the feedback window after closure.</summary>
    public const string FeedbackWindowEnds = "feedback-window-ends";

    public static IReadOnlyList<NoticeEntry> All { get; } =
    [
        new(Notice.ReferralReceived, nameof(Notice.ReferralReceived), false, "Acknowledgement sent; coordinator told of the new referral", "New referral"),
        new(Notice.UrgentReferral, nameof(Notice.UrgentReferral), true, "Urgent referral: coordinator alerted"),
        new(Notice.AssessmentReminder, "assessment-reminder", false, "Reminder sent to the coordinator: assessment due soon", "Assessment due soon", "Reminder to the coordinator: assessment due soon"),
        new(Notice.AssessmentOverdue, "assessment-overdue", false, "Assessment overdue: coordinator alerted", "Assessment overdue", "Assessment deadline: overdue alert to the coordinator"),
        new(Notice.AssessmentEscalation, "assessment-escalation", true, "Assessment still overdue: escalated to the manager", Scheduled: "Escalation to the manager: assessment still not done"),
        new(Notice.RecontactDue, "recontact-due", false, "Re-contact date reached: coordinator reminded", "Time to contact the family again", "Re-contact due: back to assessment"),
        new(Notice.MatchProposed, nameof(Notice.MatchProposed), false, "Match proposed to the mentor"),
        new(Notice.MatchReminder, "match-reminder", false, "Reminder sent to the mentor about the proposed match", Scheduled: "Reminder to the mentor to answer the proposal"),
        new(Notice.MatchUnanswered, nameof(Notice.MatchUnanswered), false, "Mentor did not answer in time: coordinator told", "A mentor has not answered a proposal"),
        new(Notice.MatchDeclined, nameof(Notice.MatchDeclined), false, "Mentor declined the match: coordinator told", "A mentor declined a proposal"),
        new(Notice.NoCandidates, nameof(Notice.NoCandidates), false, "No mentor proposed automatically: the referral is back with the coordinator", "No suitable mentor is free"),
        new(Notice.MatchWaitEscalation, "match-wait-escalation", true, "Waiting too long for a match: escalated to the manager", Scheduled: "Escalation to the manager: still waiting for a match"),
        new(Notice.MatchConfirmed, nameof(Notice.MatchConfirmed), false, "Match confirmed to the mentee and the mentor"),
        new(Notice.FirstMeetingOverdue, "first-meeting-overdue", false, "First meeting not yet recorded: coordinator alerted", "First meeting overdue", "Alert if the first meeting has not happened"),
        new(Notice.CheckInReminder, "checkin-reminder", false, "Check-in reminder sent to the mentor", Scheduled: "Check-in reminder to the mentor"),
        new(Notice.CheckInOverdue, "checkin-overdue", false, "Check-in overdue: coordinator alerted", "Check-in overdue", "Check-in overdue alert to the coordinator"),
        new(Notice.MatchReview, "match-review", false, "Three-month match review due: coordinator reminded", Scheduled: "Match review due"),
        new(Notice.SafeguardingAlert, nameof(Notice.SafeguardingAlert), true, "Safeguarding concern raised: coordinator and safeguarding lead (or manager) alerted"),
        new(Notice.FeedbackRequest, nameof(Notice.FeedbackRequest), false, "Feedback requested from the mentee and the mentor"),
        new(Notice.FeedbackReminder, "feedback-reminder", false, "Feedback reminder sent", Scheduled: "Feedback reminder"),
        new(Notice.Closed, nameof(Notice.Closed), false, "Referral closed"),
        new(Notice.RedCheckIn, "checkin-red", true, "Red check-in: coordinator alerted"),
        new(Notice.ReferrerAssessed, nameof(Notice.ReferrerAssessed), false, "Referrer told the referral was assessed (with the person's consent)"),
        new(Notice.ReferrerMatched, nameof(Notice.ReferrerMatched), false, "Referrer told a mentor was matched (with the person's consent)"),
        new(Notice.ReferrerClosed, nameof(Notice.ReferrerClosed), false, "Referrer told the referral closed (with the person's consent)"),
        new(Notice.MenteeWorry, nameof(Notice.MenteeWorry), false, "Mentee raised a worry through their link: coordinator told"),
        new(Notice.MenteeAsksForChange, nameof(Notice.MenteeAsksForChange), false, "Mentee asked for a different mentor through their link: coordinator told"),
    ];

    /// <summary>The stages the workflow publishes to the schedule board, with the deadline each is measured against.</summary>
    public static IReadOnlyList<StageEntry> Stages { get; } =
    [
        new(StageNames.Assessment, "assessment-due", "Assessment due", "Assessment overdue"),
        new(StageNames.Deferred, "recontact-due", "Re-contact due", "Re-contact due"),
        new(StageNames.Matching, "match-due", "Match wait limit", "Match wait past its limit"),
        new(StageNames.Active, "checkin-due", "Check-in due", "Check-in overdue"),
        new(StageNames.Closing, FeedbackWindowEnds, "Feedback window ends", "Feedback window ends"),
    ];

    private static readonly Dictionary<Notice, NoticeEntry> ByNotice = All.ToDictionary(e => e.Notice);

    private static readonly Dictionary<string, string> ScheduledByKind = new(
        [
            .. All.Where(e => e.Scheduled is not null).Select(e => KeyValuePair.Create(e.Kind, e.Scheduled!)),
            KeyValuePair.Create(MatchResponseDue, "Proposal lapses if the mentor has not answered"),
            // The same entry under the name older releases published.
            KeyValuePair.Create("match-expiry", "Proposal lapses if the mentor has not answered"),
            KeyValuePair.Create(FeedbackWindowEnds, "Feedback window closes"),
        ],
        StringComparer.Ordinal);

    public static NoticeEntry Of(Notice notice) =>
        ByNotice.TryGetValue(notice, out var entry) ? entry : new NoticeEntry(notice, notice.ToString(), false, notice.ToString());

    /// <summary>The workflow's name for a notice sent in a stage (<see cref="NoticeEntry.Kind"/>).</summary>
    public static string Kind(this Notice notice) => Of(notice).Kind;

    /// <summary>Notices that must reach a person now: never held behind an earlier notice of the referral that is failing, nor for a digest.</summary>
    public static bool IsUrgent(this Notice notice) => Of(notice).Urgent;

    /// <summary>A notice by its stored code (its name), as its timeline line reads; an unknown code as it is.</summary>
    public static string TimelineOf(string code) => Enum.TryParse<Notice>(code, out var notice) ? Of(notice).Timeline : code;

    /// <summary>What a scheduled entry will do when it comes due, in the words a coordinator uses.</summary>
    public static string ScheduledLabel(string kind) =>
        ScheduledByKind.TryGetValue(kind, out var label) ? label : kind.Replace('-', ' ');

    /// <summary>The deadline the dashboard lists for a referral in <paramref name="stage"/> (a schedule board stage name).</summary>
    public static string DeadlineKindOf(string stage) => Stages.FirstOrDefault(s => s.Name == stage)?.DeadlineKind ?? stage;

    /// <summary>A deadline's words on the dashboard, due or overdue.</summary>
    public static string DeadlineLabel(string kind, bool overdue) =>
        Stages.FirstOrDefault(s => s.DeadlineKind == kind) is { } stage ? (overdue ? stage.OverdueLabel : stage.DueLabel) : kind.Replace('-', ' ');
}

/// <summary>The names of the lifecycle's stages on the schedule board and in the workflow's custom status.</summary>
public static class StageNames
{
    public const string Assessment = "assessment";
    public const string Deferred = "deferred";
    public const string Matching = "matching";
    public const string Active = "active";
    public const string Closing = "closing";
    public const string Closed = "closed";
}

namespace PeerFlow.Orchestrations;

public static class ActivityNames
{
    public const string LoadPlan = "LoadPlan";
    public const string Notify = "Notify";
    public const string SetStage = "SetStage";
    public const string ProposeNextCandidate = "ProposeNextCandidate";
    public const string ResolveProposal = "ResolveProposal";
    public const string DecideProposal = "DecideProposal";
    public const string RecordBreakdown = "RecordBreakdown";
    public const string CloseReferral = "CloseReferral";
    public const string SendMonthlyReports = "SendMonthlyReports";
    public const string ApplyRetention = "ApplyRetention";
    public const string AlertMentorChecks = "AlertMentorChecks";
    public const string SendCoordinatorDigests = "SendCoordinatorDigests";
    public const string TakeSignal = "TakeSignal";
    public const string PublishSchedule = "PublishSchedule";
    public const string PlanRecontact = "PlanRecontact";
    public const string PlanReassessment = "PlanReassessment";
    public const string DeliverNotice = "DeliverNotice";
}

/// <summary>When to re-contact a deferred referral: 09:00 London on the chosen date, or the next working day.</summary>
public sealed record RecontactRequest(string ReferralId, DateOnly On);

/// <summary>A referral back from deferral gets a new assessment timetable, counted in working days from <see cref="From"/>.</summary>
public sealed record ReassessmentRequest(string ReferralId, DateTime From);

/// <summary>Asks the inbox for the next signal the workflow expects, under the step's idempotency key.</summary>
public sealed record SignalRequest(string ReferralId, string Key, IReadOnlyList<string> Expected);

public sealed record TakenSignal(string Id, string Name, Signal Payload);

/// <summary>The plan a workflow waits on, for the schedule board.</summary>
public sealed record ScheduleUpdate(string ReferralId, string SchemeId, string Stage, DateTime? DueAt, IReadOnlyList<ScheduledItem> Next)
{
    /// <summary>The workflow's time when it made this plan: a later plan is never overwritten by an earlier one.</summary>
    public DateTime? PlannedAt { get; init; }

    public bool SameAs(ScheduleUpdate other) =>
        Stage == other.Stage && DueAt == other.DueAt && Next.SequenceEqual(other.Next);
}

public sealed record StageChange(string ReferralId, Domain.Records.ReferralStage Stage);

/// <summary>Asks for a proposal's stored answer, first recording <see cref="Answer"/> if it has none.</summary>
public sealed record ProposalClaim(string ReferralId, string MatchId, Domain.Records.MatchAnswer? Answer);

/// <summary>The answer kept for a proposal (null while it is open), and whether the referral is to close.</summary>
public sealed record ProposalFate(Domain.Records.MatchAnswer? Answer, bool ClosureRequested);

public sealed record ProposalResolution(string ReferralId, string MatchId, string Outcome);

public sealed record Breakdown(string ReferralId, string MatchId, string? Reason);

public sealed record Closure(string ReferralId, string Reason, string? MatchId);

namespace PeerFlow.Orchestrations;

public static class ActivityNames
{
    public const string LoadPlan = "LoadPlan";
    public const string Notify = "Notify";
    public const string SetStage = "SetStage";
    public const string ProposeNextCandidate = "ProposeNextCandidate";
    public const string ResolveProposal = "ResolveProposal";
    public const string RecordBreakdown = "RecordBreakdown";
    public const string CloseReferral = "CloseReferral";
    public const string SendMonthlyReports = "SendMonthlyReports";
}

public sealed record StageChange(string ReferralId, Domain.Records.ReferralStage Stage);

public sealed record ProposalResolution(string ReferralId, string MatchId, string Outcome);

public sealed record Breakdown(string ReferralId, string MatchId, string? Reason);

public sealed record Closure(string ReferralId, string Reason, string? MatchId);

namespace PeerFlow.Domain.Records;

public enum ReferralKind
{
    Self,
    Professional,
}

public enum ReferralStage
{
    Assessment,
    Deferred,
    Matching,
    Active,
    Closing,
    Closed,
}

public enum AssessmentOutcome
{
    Suitable,
    Deferred,
    NotSuitable,
    Withdrawn,
}

/// <summary>
/// A referral's workflow-facing record: ids, dates, stage and codes. Names, contact details and the reason for
/// referral live in <see cref="Person"/> rows, apart from it.
/// </summary>
public sealed record Referral
{
    public required string Id { get; init; }

    /// <summary>What people quote on the phone, e.g. "FC-2026-0042".</summary>
    public required string Reference { get; init; }

    public required string SchemeId { get; init; }

    public required int PolicyVersion { get; init; }

    public ReferralKind Kind { get; init; }

    /// <summary>A professional referrer's sector; null on a self-referral and on referrals made before it was asked.</summary>
    public ReferrerSector? ReferrerSector { get; init; }

    public bool Urgent { get; init; }

    public bool ConsentGiven { get; init; }

    /// <summary>The person agreed that the referrer hears how the referral goes (<see cref="Schemes.SchemePolicy.ReferrerUpdates"/>).</summary>
    public bool ReferrerUpdates { get; init; }

    public DateTime ReceivedAt { get; init; }

    public ReferralStage Stage { get; init; } = ReferralStage.Assessment;

    public DateTime? AssessmentDueAt { get; init; }

    public DateTime? FirstContactAt { get; init; }

    public DateTime? AssessedAt { get; init; }

    public AssessmentOutcome? Outcome { get; init; }

    public DateOnly? RecontactOn { get; init; }

    /// <summary>Where the person was pointed when peer support was not right for now (a service name, not notes).</summary>
    public string? SignpostedTo { get; init; }

    public MatchingProfile? Profile { get; init; }

    public string? CurrentMatchId { get; init; }

    /// <summary>A hash of what was submitted, so that a retried submission can be told from a different one.</summary>
    public string? SubmissionFingerprint { get; init; }

    /// <summary>When <see cref="CurrentMatchId"/> was claimed for a proposal, before its match row exists.</summary>
    public DateTime? ProposalClaimedAt { get; init; }

    /// <summary>
    /// The mentor of the proposal <see cref="CurrentMatchId"/> names while the referral waits for a match, set once the
    /// proposal's match row is written and cleared when it is answered or lapses, so the dashboard lists proposals from
    /// open work without reading each match. Null while a proposal is only claimed, and on proposals made before it was
    /// kept: those are read from their match.
    /// </summary>
    public string? ProposedMentorId { get; init; }

    public string? MentorId { get; init; }

    public DateTime? MatchedAt { get; init; }

    public DateTime? FirstMeetingAt { get; init; }

    public DateTime? LastCheckInAt { get; init; }

    /// <summary>How the last check-in said the match was going.</summary>
    public RagStatus? LastRag { get; init; }

    /// <summary>Mentors this family must not be proposed again: a breakdown or a decline.</summary>
    public IReadOnlyList<string> ExcludedMentorIds { get; init; } = [];

    /// <summary>When closure was asked for: from then on no proposal starts, and an open one is withdrawn.</summary>
    public DateTime? ClosureRequestedAt { get; init; }

    public DateTime? ClosedAt { get; init; }

    public string? ClosureReason { get; init; }

    public string? ClosureOutcome { get; init; }

    public int SafeguardingConcerns { get; init; }

    /// <summary>Concerns not yet closed by a manager: what puts the referral first on the dashboard.</summary>
    public int OpenConcerns { get; init; }

    /// <summary>How often its workflow was restarted from the records: each restart's keys are apart from every earlier one's.</summary>
    public int WorkflowRestarts { get; init; }
}

/// <summary>What matching needs to know, gathered at assessment. Tags, not narrative.</summary>
public sealed record MatchingProfile
{
    public string? PostcodeDistrict { get; init; }

    public IReadOnlyList<string> Availability { get; init; } = [];

    public IReadOnlyList<string> Interests { get; init; } = [];

    public IReadOnlyList<string> Experiences { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string? PreferredGender { get; init; }

    public IReadOnlyList<string> LearningStyles { get; init; } = [];

    public bool MeetsInPerson { get; init; } = true;
}

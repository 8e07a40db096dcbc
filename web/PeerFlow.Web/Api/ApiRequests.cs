using PeerFlow.Domain.Records;
using PeerFlow.Domain.Text;

namespace PeerFlow.Web.Api;

public sealed record AssessmentRequest(string? Outcome, DateOnly? RecontactOn, string? SignpostedTo, MatchingProfile? Profile);

public sealed record ProposalRequest(string? MentorId, string? CapacityOverrideReason);

public sealed record ProposalAnswer(bool Accepted);

public sealed record CheckInRequest(string? Rag, bool Met, [property: MultiLine] string? Notes);

public sealed record ReasonRequest(string? Reason);

public sealed record SafeguardingRequest([property: MultiLine] string? Details, string? RaisedBy);

public sealed record FeedbackRequest(string? From, int Helpfulness, [property: MultiLine] string? Comments);

public sealed record ContactRequest(DateTime? At);

/// <summary>The answer to a new referral: where to follow it.</summary>
public sealed record ReferralAccepted(string Id, string Reference, string StatusUrl);

public sealed record MentorRequest
{
    public string? SchemeId { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public bool Active { get; init; } = true;

    public int Capacity { get; init; } = 2;

    public DateOnly? DbsCheckExpires { get; init; }

    public bool TrainingCompleted { get; init; }

    public DateOnly? TrainingExpires { get; init; }

    public string? PostcodeDistrict { get; init; }

    public IReadOnlyList<string> Availability { get; init; } = [];

    public IReadOnlyList<string> Interests { get; init; } = [];

    public IReadOnlyList<string> Experiences { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string? Gender { get; init; }

    public IReadOnlyList<string> LearningStyles { get; init; } = [];
}

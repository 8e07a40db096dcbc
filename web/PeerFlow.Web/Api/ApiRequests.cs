using PeerFlow.Domain.Records;
using PeerFlow.Domain.Text;

namespace PeerFlow.Web.Api;

/// <param name="Note">The coordinator's note on the assessment: kept in the referral's contact log, never sent anywhere.</param>
public sealed record AssessmentRequest(string? Outcome, DateOnly? RecontactOn, string? SignpostedTo, MatchingProfile? Profile, [property: MultiLine] string? Note = null);

/// <summary>
/// The mentor to propose; <see cref="OverrideReason"/> to propose one the shortlist excludes for capacity or the
/// family's stated needs (<c>capacityOverrideReason</c> is its older name, still taken).
/// </summary>
public sealed record ProposalRequest(string? MentorId, string? CapacityOverrideReason)
{
    public string? OverrideReason { get; init; }
}

public sealed record ProposalAnswer(bool Accepted);

/// <param name="RaiseConcern">The notes describe a safeguarding concern: raised with the check-in, in one step.</param>
public sealed record CheckInRequest(string? Rag, bool Met, [property: MultiLine] string? Notes, bool RaiseConcern = false);

/// <param name="Note">The coordinator's note on the breakdown or closure, kept in the referral's contact log.</param>
public sealed record ReasonRequest(string? Reason, [property: MultiLine] string? Note = null);

/// <summary>
/// A contact with the people on a referral: its kind (phone, visit, message, email, meeting), when it happened (ISO 8601
/// with an offset, or UK local time without one; now when left out), who made it (the signed-in staff member when
/// left out) and a note.
/// </summary>
public sealed record ContactLogRequest(string? Kind, string? At, string? Who, [property: MultiLine] string? Note);

/// <summary>
/// A line of a mentor's supervision and training log: the kind (supervision, training or other), the day it happened
/// (today when left out), who gave it (the signed-in staff member when left out) and a note.
/// </summary>
public sealed record MentorLogRequest(string? Kind, DateOnly? On, string? Who, [property: MultiLine] string? Note);

/// <summary>What a mentor declining through their link may say about why; optional.</summary>
public sealed record DeclineRequest([property: MultiLine] string? Reason);

/// <summary>The needs gathered at assessment, revised: the whole matching profile, and a note on what changed.</summary>
/// <param name="SharedDescription">The family in words a proposed mentor may read; absent: unchanged, empty: none.</param>
public sealed record NeedsRequest(MatchingProfile? Profile, [property: MultiLine] string? Note, [property: MultiLine] string? SharedDescription = null);

/// <summary>What to look for: a reference, a name, an email address, a phone number or a postcode district.</summary>
public sealed record SearchRequest(string? Query);

public sealed record SafeguardingRequest([property: MultiLine] string? Details, string? RaisedBy, string? Severity = null);

/// <summary>Something done about a safeguarding concern; optionally, who owns it from now on.</summary>
public sealed record ConcernActionRequest([property: MultiLine] string? Text, string? Owner);

/// <summary>A manager closing a safeguarding concern, with its outcome.</summary>
public sealed record ConcernClosureRequest([property: MultiLine] string? Outcome);

/// <param name="QuoteConsent">The person agreed that the report may quote their comments without their name; false unless they said so.</param>
public sealed record FeedbackRequest(string? From, int Helpfulness, [property: MultiLine] string? Comments, bool QuoteConsent = false);

public sealed record ContactRequest(DateTime? At);

/// <summary>The answer to a new referral: where to follow it.</summary>
public sealed record ReferralAccepted(string Id, string Reference, string StatusUrl);

public sealed record MentorRequest
{
    public string? SchemeId { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>A UK mobile for texts (07… or +447…; kept as +447…).</summary>
    public string? Mobile { get; init; }

    /// <summary>They agreed to be sent text messages.</summary>
    public bool TextConsent { get; init; }

    /// <summary>How they want proposals, reminders and check-in links: email (the default), text, or both.</summary>
    public PeerFlow.Domain.Sms.ContactChannel PreferredChannel { get; init; }

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

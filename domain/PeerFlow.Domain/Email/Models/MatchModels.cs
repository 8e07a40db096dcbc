namespace PeerFlow.Domain.Email;

/// <summary>match-proposed and match-reminder: to the mentor, with signed single-use links.</summary>
/// <param name="RespondBy">When the links expire.</param>
public sealed record MatchProposedModel(
    string RecipientFirstName,
    string SchemeName,
    string Reference,
    string CoordinatorFirstName,
    string AcceptUrl,
    string DeclineUrl,
    DateTimeOffset RespondBy)
{
    /// <summary>The family in the words the coordinator chose for sharing (<c>Person.SharedDescription</c>); empty: none.</summary>
    public string SharedDescription { get; init; } = "";
}

/// <summary>match-escalation: to the coordinator, when the mentor has not answered.</summary>
public sealed record MatchEscalationModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string MentorFirstName,
    DateTimeOffset ProposedAt,
    string ReferralUrl);

/// <summary>
/// match-confirmed: to the mentee and to the mentor. Names the other person by first name only; contact goes through
/// the coordinator.
/// </summary>
/// <param name="RecipientIsMentor">Chooses the wording for the mentor or for the mentee.</param>
public sealed record MatchConfirmedModel(
    string RecipientFirstName,
    bool RecipientIsMentor,
    string OtherFirstName,
    string SchemeName,
    string Reference,
    string CoordinatorFirstName,
    DateOnly FirstMeetingBy)
{
    /// <summary>The mentee's signed link to raise a worry or ask for a different mentor; empty for the mentor.</summary>
    public string VoiceUrl { get; init; } = "";

    /// <summary>The mentee's signed link to the scheme's outcome questions as the match starts; empty when none are asked.</summary>
    public string OutcomeUrl { get; init; } = "";
}

/// <summary>What happened in matching, in one plain sentence, and what the reader might do about it.</summary>
public sealed record MatchUpdateModel(
    string RecipientFirstName,
    string Reference,
    string SchemeName,
    string Headline,
    string NextStep,
    string ReferralUrl);

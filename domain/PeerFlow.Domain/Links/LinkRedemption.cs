namespace PeerFlow.Domain.Links;

public enum LinkOutcome
{
    /// <summary>Genuine, unexpired, for the expected action and not used before (and, after Consume, now used).</summary>
    Valid,

    Expired,

    AlreadyUsed,

    /// <summary>Not a token PeerFlow made: malformed, altered, or signed with a key no longer in the key ring.</summary>
    Invalid,

    /// <summary>Genuine, but for another action (e.g. a decline link posted to the accept form).</summary>
    WrongAction,
}

/// <summary>What a signed link says. The ids are given only when <see cref="Outcome"/> is Valid.</summary>
public sealed record LinkRedemption(LinkOutcome Outcome, LinkAction? Action, string? ReferralId, string? SubjectId, DateTimeOffset? ExpiresAt)
{
    public bool IsValid => Outcome == LinkOutcome.Valid;

    internal static LinkRedemption Refused(LinkOutcome outcome) => new(outcome, null, null, null, null);
}

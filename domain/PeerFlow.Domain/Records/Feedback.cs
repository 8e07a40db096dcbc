namespace PeerFlow.Domain.Records;

/// <summary>Closure feedback from the mentee or the mentor.</summary>
public sealed record Feedback
{
    public required string ReferralId { get; init; }

    /// <summary>"mentee" or "mentor".</summary>
    public required string From { get; init; }

    public DateTime At { get; init; }

    /// <summary>1 (not at all) to 5 (very much): did peer support help?</summary>
    public int Helpfulness { get; init; }

    public string? Comments { get; init; }

    /// <summary>
    /// They ticked "you may quote what I wrote, without my name": the report may then show <see cref="Comments"/>. Never
    /// assumed: the box starts unticked, and feedback given before it existed has it false.
    /// </summary>
    public bool QuoteConsent { get; init; }
}

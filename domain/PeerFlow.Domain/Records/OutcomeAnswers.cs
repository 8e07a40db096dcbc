namespace PeerFlow.Domain.Records;

/// <summary>
/// A mentee's scores on their scheme's outcome scale at one moment ("start" or "close"), keyed by referral
/// (PartitionKey = referral id, RowKey = moment): scores only, by statement id, from 1 to 5. Never in workflow history.
/// </summary>
public sealed record OutcomeAnswers
{
    public required string ReferralId { get; init; }

    /// <summary><see cref="Schemes.OutcomeMoment.Start"/> or <see cref="Schemes.OutcomeMoment.Close"/>.</summary>
    public required string Moment { get; init; }

    public DateTime At { get; init; }

    public IReadOnlyDictionary<string, int> Scores { get; init; } = new Dictionary<string, int>();
}

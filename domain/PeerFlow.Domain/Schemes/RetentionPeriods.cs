namespace PeerFlow.Domain.Schemes;

/// <summary>
/// How long a scheme keeps a closed referral's records, counted from its closure: <see cref="SafeguardingYears"/> when
/// any safeguarding concern was ever raised on it, <see cref="ClosedYears"/> otherwise. Past that, the daily retention
/// run erases it as an erasure on request would, keeping only the anonymous figures the monthly reports read.
/// </summary>
/// <remarks>
/// Read from the scheme as it is configured now, not from the policy version a referral started with: shortening a
/// period applies to everything already closed, which is what a retention schedule promises.
/// </remarks>
public sealed record RetentionPeriods
{
    /// <summary>Long enough for a complaint, a re-referral and two years of reports to compare against.</summary>
    public const int DefaultClosedYears = 2;

    /// <summary>Safeguarding records are commonly kept for six years after the case closes.</summary>
    public const int DefaultSafeguardingYears = 6;

    /// <summary>The longest period accepted: a guard against a typo that would keep everything for ever.</summary>
    public const int MaxYears = 100;

    public int ClosedYears { get; init; } = DefaultClosedYears;

    public int SafeguardingYears { get; init; } = DefaultSafeguardingYears;

    /// <summary>When a referral closed at <paramref name="closedAt"/> falls due for erasure.</summary>
    public DateTime DueAt(DateTime closedAt, bool safeguarding) => closedAt.AddYears(safeguarding ? SafeguardingYears : ClosedYears);

    /// <summary>What is wrong with the periods, for the start-up error; empty when they can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (ClosedYears is < 1 or > MaxYears)
        {
            yield return $"retention.closedYears must be 1 to {MaxYears}, not {ClosedYears}";
        }

        if (SafeguardingYears is < 1 or > MaxYears)
        {
            yield return $"retention.safeguardingYears must be 1 to {MaxYears}, not {SafeguardingYears}";
        }

        if (SafeguardingYears < ClosedYears)
        {
            yield return $"retention.safeguardingYears ({SafeguardingYears}) must not be shorter than retention.closedYears ({ClosedYears})";
        }
    }
}

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Erases the closed referrals whose retention period has passed. Implemented by the web layer (<c>Retention</c>),
/// which erases each exactly as an erasure on request does; scoped, since erasure uses the run's workflow client.
/// </summary>
public interface IRetentionRun
{
    /// <returns>Counts only: the workflow's history must hold no personal data.</returns>
    Task<RetentionOutcome> RunAsync(CancellationToken cancellationToken);
}

/// <param name="Erased">Referrals erased by this run.</param>
/// <param name="Waiting">Closed referrals read whose time has not come yet (their scheme's period, or a safeguarding concern's longer one).</param>
/// <param name="NotStopped">Referrals whose workflow did not stop in time: left for the next run.</param>
public sealed record RetentionOutcome(int Erased, int Waiting, int NotStopped);

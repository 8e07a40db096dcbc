using Azure;
using Azure.Data.Tables;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Web.Hosting;

/// <summary>
/// Whether PeerFlow's storage answers: one point read with a deadline, remembered for a few seconds so that a burst
/// of failing requests during an outage costs one probe, not one each. `/healthz` reports it, and a request
/// that fails while it says "unreachable" is answered 503 (try again shortly) rather than 500 (our mistake).
/// </summary>
public sealed partial class StorageHealth(PeerFlowStore store, TimeProvider time, ILogger<StorageHealth> logger)
{
    // Generous: a point read takes milliseconds, and a busy machine must not be taken for an outage.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Remembered = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private (long At, bool Reachable)? last;
    private Task? probing;

    /// <summary>
    /// A probe in the last few seconds found storage unreachable: a request that needs it would only hang until its
    /// timeouts (up to minutes while storage hangs rather than refuses), so it is better answered 503 at once.
    /// </summary>
    /// <remarks>
    /// It stays true until a probe finds storage again: when the answer is older than a few seconds, one probe is
    /// started in the background and requests keep being answered 503 meanwhile, so none slips through to hang.
    /// </remarks>
    public bool KnownUnreachable
    {
        get
        {
            lock (gate)
            {
                if (last is not { Reachable: false } known)
                {
                    return false;
                }

                if (time.GetElapsedTime(known.At) >= Remembered && probing is null)
                {
                    probing = ProbeAgainAsync();
                }

                return true;
            }
        }
    }

    private async Task ProbeAgainAsync()
    {
        await Task.Yield(); // not under the caller's lock
        try
        {
            await IsReachableAsync(CancellationToken.None, fresh: true);
        }
        finally
        {
            lock (gate)
            {
                probing = null;
            }
        }
    }

    /// <param name="fresh">Probe now, whatever was remembered: the caller has just seen storage fail.</param>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        lock (gate)
        {
            if (!fresh && last is { } known && time.GetElapsedTime(known.At) < Remembered)
            {
                return known.Reachable;
            }
        }

        var reachable = await ProbeAsync(cancellationToken);
        lock (gate)
        {
            last = (time.GetTimestamp(), reachable);
        }

        return reachable;
    }

    /// <summary>
    /// Whether a failure came from reaching storage or the engine (a refused or reset connection, a server error, the
    /// engine's gRPC call failing) rather than from PeerFlow's own code.
    /// </summary>
    public static bool LooksLikeOutage(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or System.Net.Sockets.SocketException or TimeoutException
                || ex.GetType().Name == "RpcException")
            {
                return true;
            }

            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Any(LooksLikeOutage))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            // A row that never exists: the answer (404 inside the SDK) proves the table service reads.
            await store.Referrals.Table.GetEntityIfExistsAsync<TableEntity>("healthz", "probe", ["PartitionKey"], deadline.Token);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The table itself is missing: storage answers; what is missing is set up at start.
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the failure (a refused or reset connection surfaces as several exception types), storage did
            // not answer; the probe itself must never throw, or the 503 it decides becomes a 500.
            LogUnreachable(ex.GetType().Name);
            return false;
        }
    }

    // The exception's type only: messages from the storage SDK hold URLs, which is all an operator needs from the logs.
    [LoggerMessage(LogLevel.Warning, "Storage did not answer its health probe ({Failure})")]
    private partial void LogUnreachable(string failure);
}

using System.Text.Json;
using Microsoft.DurableTask;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>Takes the next expected signal from a referral's inbox; the same one again if the step is retried.</summary>
public sealed class TakeSignal(PeerFlowStore store) : TaskActivity<SignalRequest, TakenSignal?>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async Task<TakenSignal?> RunAsync(TaskActivityContext context, SignalRequest request)
    {
        var signal = await store.Inbox.TakeAsync(request.ReferralId, request.Key, request.Expected, CancellationToken.None);
        return signal is null ? null : new TakenSignal(signal.Id, signal.Name, JsonSerializer.Deserialize<Signal>(signal.Payload, Json) ?? new Signal());
    }

    /// <summary>How a signal's payload is stored, so that <see cref="TakeSignal"/> reads what the API wrote.</summary>
    public static string Serialize(Signal signal) => JsonSerializer.Serialize(signal, Json);
}

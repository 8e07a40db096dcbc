using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Web.Actions;

/// <summary>
/// Tells a referral's workflow what a person did: the signal goes into the referral's inbox first, then the
/// doorbell rings. If the doorbell is lost (Durable Task can drop events while a workflow changes generation) the
/// signal is not: the workflow reads its inbox before every wait.
/// </summary>
public sealed class WorkflowSignals(PeerFlowStore store, DurableTaskClient workflows, TimeProvider time)
{
    /// <summary>Stores what a person did in the referral's inbox, then rings its workflow's doorbell.</summary>
    public Task SendAsync(string referralId, LifecycleSignal signal, CancellationToken cancellationToken) =>
        SendAsync(referralId, signal.Name, signal.Payload(), cancellationToken);

    private async Task SendAsync(string referralId, string name, Signal signal, CancellationToken cancellationToken)
    {
        var id = await store.Inbox.PostAsync(referralId, name, TakeSignal.Serialize(signal), time.GetUtcNow().UtcDateTime, cancellationToken);

        // A finished workflow has no one to answer (late feedback after closure, say): the signal stays on record, and
        // no event goes to an instance that would only drop it.
        var workflow = await workflows.GetInstanceAsync(referralId, getInputsAndOutputs: false, cancellationToken);
        if (workflow is not { IsCompleted: true })
        {
            await workflows.RaiseEventAsync(referralId, LifecycleEvents.Doorbell, id, cancellationToken);
        }

        await store.Inbox.RungAsync(referralId, id, cancellationToken);
    }

    /// <summary>
    /// Rings for signals whose host died between storing them and ringing (they would otherwise wait for the workflow's
    /// next timer, which may be days away). A doorbell rung twice only makes the workflow read its inbox again.
    /// </summary>
    public async Task<int> RingForgottenAsync(CancellationToken cancellationToken)
    {
        var rung = 0;
        foreach (var (referralId, id) in await store.Inbox.UnrungBeforeAsync(time.GetUtcNow().UtcDateTime - Forgotten, cancellationToken))
        {
            var workflow = await workflows.GetInstanceAsync(referralId, getInputsAndOutputs: false, cancellationToken);
            if (workflow is { IsCompleted: false })
            {
                await workflows.RaiseEventAsync(referralId, LifecycleEvents.Doorbell, id, cancellationToken);
                rung++;
            }

            await store.Inbox.RungAsync(referralId, id, cancellationToken);
        }

        return rung;
    }

    /// <summary>Long past the time a live request takes from storing a signal to ringing for it.</summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(1);
}

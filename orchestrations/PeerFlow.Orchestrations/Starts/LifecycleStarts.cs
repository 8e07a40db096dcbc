using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Workflow;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Starts;

/// <summary>
/// Starts referral workflows, once each, whoever asks: intake, the sweeper, a manager's restart. A start is two writes
/// in DurableTask.AzureStorage (the start message, then the instance row), so "no instance yet" does not mean "not
/// started": checking and then starting let a retry after a crash, or two callers at once, send a second start
/// message ("Multiple ExecutionStartedEvent found"). Here each start is claimed first on the referral's
/// <see cref="PendingStart"/> row (an ETag write only one party wins), and a new claim waits <see cref="Grace"/>
/// after the last one, time for a start already under way to show.
/// </summary>
/// <param name="engineClock">The engine's clock, for the age of a start never taken up; the system clock unless a test sets another.</param>
public sealed partial class LifecycleStarts(
    PeerFlowStore store, NoticeOutbox outbox, StoppedWorkflowAlert alert, TimeProvider time, ILogger<LifecycleStarts> logger, EngineClock? engineClock = null)
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>A start marked this long ago whose referral never appeared was an intake that failed: its leftovers go.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    /// <summary>Intake: starts the new referral's workflow now, unless someone else has the claim (then the sweeper finishes it).</summary>
    public async Task StartNewAsync(string referralId, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var marker = await store.Starts.GetAsync(PendingStart.Partition, referralId, cancellationToken);
        if (marker is null)
        {
            // A retry of a referral stored before pending starts were kept, or one already started.
            if (await workflows.GetInstanceAsync(referralId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return;
            }

            await store.Starts.TryInsertAsync(PendingStart.Partition, referralId, new PendingStart { ReferralId = referralId, MarkedAt = Now }, null, cancellationToken);
        }

        await ClaimAndStartAsync(referralId, workflows, cancellationToken);
    }

    /// <summary>
    /// A manager's restart: an open referral whose workflow is not running gets one from its records. False when there
    /// is nothing to restart (closed, or running).
    /// </summary>
    public async Task<RestartResult> RestartAsync(string referralId, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var referral = (await store.Referrals.GetAsync(referralId, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return RestartResult.NoReferral;
        }

        if (referral.Stage == ReferralStage.Closed)
        {
            return RestartResult.Closed;
        }

        if (await LiveAsync(referralId, workflows, cancellationToken))
        {
            return RestartResult.Running;
        }

        var marker = new PendingStart { ReferralId = referralId, MarkedAt = Now, Restart = true };
        if (!await store.Starts.TryInsertAsync(PendingStart.Partition, referralId, marker, null, cancellationToken))
        {
            await store.Starts.UpdateAsync(PendingStart.Partition, referralId, m => m.Restart ? m : m with { Restart = true }, null, cancellationToken);
        }

        await ClaimAndStartAsync(referralId, workflows, cancellationToken);
        return RestartResult.Restarted;
    }

    /// <summary>
    /// The sweeper's round, safe on several hosts at once: finishes starts a crash left undone, and records (once) and
    /// alerts every open referral whose workflow has stopped. Returns the referrals it started.
    /// </summary>
    public async Task<SweepResult> SweepAsync(DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        foreach (var pending in await store.Starts.PartitionAsync(PendingStart.Partition, cancellationToken))
        {
            var last = pending.Value.LastAttemptAt ?? pending.Value.MarkedAt;
            if (Now - last >= Grace && await ClaimAndStartAsync(pending.RowKey, workflows, cancellationToken))
            {
                started.Add(pending.RowKey);
            }
        }

        var stopped = new List<string>();
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Pending],
            InstanceIdPrefix = "r", FetchInputsAndOutputs = true,
        };
        await foreach (var instance in workflows.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name != ReferralLifecycle.Name)
            {
                continue;
            }

            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
            {
                if (WorkflowInstances.NeverStarted(instance, EngineNow) && Watched(instance.InstanceId)
                    && await RestartAsync(instance.InstanceId, workflows, cancellationToken) == RestartResult.Restarted)
                {
                    LogNeverStarted(instance.InstanceId, instance.CreatedAt);
                    started.Add(instance.InstanceId);
                }

                continue;
            }

            // An erasure stops the workflow before it deletes the records: that is no stop to tell anyone about.
            var erasing = instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated && instance.SerializedOutput == "\"erased\"";
            if (!erasing && await NoticeStoppedAsync(instance, cancellationToken))
            {
                stopped.Add(instance.InstanceId);
            }
        }

        return new SweepResult(started, stopped);
    }

    /// <summary>The operator's repair: every open referral whose workflow is missing, failed or terminated is restarted.</summary>
    public async Task<IReadOnlyList<string>> RepairAllAsync(DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var restarted = new List<string>();
        // Open work holds every referral not closed: no scan of every referral ever made.
        var schemeIds = (await store.Schemes.PartitionAsync("scheme", cancellationToken)).Select(s => s.RowKey);
        foreach (var referral in (await store.OpenWork.OfSchemesAsync(schemeIds, cancellationToken)).Select(r => new { Value = r }))
        {
            if (referral.Value.Stage != ReferralStage.Closed
                && !await LiveAsync(referral.Value.Id, workflows, cancellationToken)
                && await RestartAsync(referral.Value.Id, workflows, cancellationToken) == RestartResult.Restarted)
            {
                restarted.Add(referral.Value.Id);
            }
        }

        return restarted;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateTimeOffset EngineNow => (engineClock ?? EngineClock.System).Now;

    /// <summary>
    /// Starts seen never taken up: when this host first saw each so, and last (engine clock). In memory (this is a
    /// singleton) on purpose: after an outage or a long stop a start may be overdue by its age and still be taken up
    /// moments later, so one is restarted only once a running host has seen it so, round after round, for
    /// <see cref="WorkflowInstances.StartOverdue"/>. A gap of half that between sightings (a host restarted, a sweep
    /// that failed) starts the watch again, which delays a repair and never makes a wrong one.
    /// </summary>
    private readonly ConcurrentDictionary<string, (DateTimeOffset First, DateTimeOffset Last)> neverStartedSeen = new(StringComparer.Ordinal);

    /// <summary>Notes a sighting of <paramref name="instanceId"/> never started; true once it has been watched long enough.</summary>
    private bool Watched(string instanceId)
    {
        var now = EngineNow;
        var seen = neverStartedSeen.AddOrUpdate(
            instanceId,
            (now, now),
            (_, before) => now - before.Last <= WorkflowInstances.StartOverdue / 2 ? (before.First, now) : (now, now));
        if (now - seen.First < WorkflowInstances.StartOverdue)
        {
            return false;
        }

        neverStartedSeen.TryRemove(instanceId, out _);
        return true;
    }

    /// <summary>Whether the referral has a workflow that is running or will run: not ended, and not a start never taken up.</summary>
    private async Task<bool> LiveAsync(string referralId, DurableTaskClient workflows, CancellationToken cancellationToken) =>
        IsLive(await workflows.GetInstanceAsync(referralId, getInputsAndOutputs: true, cancellationToken));

    private bool IsLive(OrchestrationMetadata? instance) => instance is { IsCompleted: false } && !WorkflowInstances.NeverStarted(instance, EngineNow);

    /// <summary>Takes the next claim on a pending start and, having it, starts the workflow. True when it started one.</summary>
    private async Task<bool> ClaimAndStartAsync(string referralId, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var pending = await store.Starts.GetAsync(PendingStart.Partition, referralId, cancellationToken);
        if (pending is null || (pending.Value.LastAttemptAt is { } last && Now - last < Grace))
        {
            return false;
        }

        var claim = pending.Value with { Attempts = pending.Value.Attempts + 1, LastAttemptAt = Now };
        if (!await store.Starts.TryReplaceAsync(PendingStart.Partition, referralId, claim, pending.ETag, null, cancellationToken))
        {
            return false;
        }

        var referral = (await store.Referrals.GetAsync(referralId, "", cancellationToken))?.Value;
        if (referral is null)
        {
            if (Now - claim.MarkedAt >= Abandoned)
            {
                // An intake that failed part-way and was never retried: no one can see or erase what it left.
                await store.People.DeletePartitionAsync(referralId, cancellationToken);
                await store.Starts.DeleteAsync(PendingStart.Partition, referralId, cancellationToken);
            }

            return false;
        }

        var instance = await workflows.GetInstanceAsync(referralId, getInputsAndOutputs: true, cancellationToken);
        if (referral.Stage == ReferralStage.Closed || IsLive(instance) || (instance is not null && !claim.Restart))
        {
            await store.Starts.DeleteAsync(PendingStart.Partition, referralId, cancellationToken);
            return false;
        }

        if (instance is not null)
        {
            await workflows.PurgeInstanceAsync(referralId, cancellation: cancellationToken);
        }

        var state = await RestartState.FromRecordsAsync(store, outbox, referral, cancellationToken);
        await workflows.ScheduleNewOrchestrationInstanceAsync(ReferralLifecycle.Name, state, new StartOrchestrationOptions(referralId), cancellationToken);
        if (claim.Restart || claim.Attempts > 1)
        {
            LogStarted(referralId, state.Stage, claim.Restart, claim.Attempts);
            await store.Timeline.TryInsertAsync(
                referralId, string.Create(CultureInfo.InvariantCulture, $"workflow-started-{state.Generation:D10}"),
                new TimelineEntry(referralId, Now, "WorkflowRestarted", $"Workflow restarted from the records at {state.Stage.ToString().ToLowerInvariant()}"), null, cancellationToken);
        }

        await store.Stopped.DeleteAsync(StoppedWorkflow.Partition, referralId, cancellationToken);
        await store.Starts.DeleteAsync(PendingStart.Partition, referralId, cancellationToken);
        return true;
    }

    /// <summary>Records a stopped workflow of an open referral once, with its alert. True the first time.</summary>
    private async Task<bool> NoticeStoppedAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        var referral = (await store.Referrals.GetAsync(instance.InstanceId, "", cancellationToken))?.Value;
        if (referral is null || referral.Stage == ReferralStage.Closed)
        {
            return false;
        }

        var stopped = new StoppedWorkflow
        {
            ReferralId = referral.Id,
            Reference = referral.Reference,
            SchemeId = referral.SchemeId,
            Status = instance.RuntimeStatus.ToString(),
            StoppedAt = instance.LastUpdatedAt.UtcDateTime,
            NoticedAt = Now,
        };
        if (!await store.Stopped.TryInsertAsync(StoppedWorkflow.Partition, referral.Id, stopped, null, cancellationToken))
        {
            return false;
        }

        LogStopped(referral.Id, referral.Reference, stopped.Status);
        await alert.TellAsync(stopped, cancellationToken);
        await store.Timeline.TryInsertAsync(
            referral.Id, $"{PeerFlowStore.Key(stopped.StoppedAt)}-workflow-stopped",
            new TimelineEntry(referral.Id, stopped.StoppedAt, "WorkflowStopped", "Workflow stopped: nothing is scheduled until a manager restarts it"), null, cancellationToken);
        return true;
    }

    // The operator alert: an error with its own event id, for the alert rule on the app's logs. Ids and codes only.
    [LoggerMessage(EventId = 9101, Level = LogLevel.Error, Message = "The workflow of referral {ReferralId} ({Reference}) has stopped ({Status}): nothing will be reminded or escalated until it is restarted.")]
    private partial void LogStopped(string referralId, string reference, string status);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "The workflow of referral {ReferralId}, created at {CreatedAt}, was never taken up by a worker: restarted from the records.")]
    private partial void LogNeverStarted(string referralId, DateTimeOffset createdAt);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Started the workflow of referral {ReferralId} at {Stage} (restart: {Restart}, attempt {Attempt}).")]
    private partial void LogStarted(string referralId, ReferralStage stage, bool restart, int attempt);
}

public enum RestartResult
{
    Restarted,
    NoReferral,
    Closed,
    Running,
}

/// <summary>What one sweep did: workflows it started, and stopped workflows it noticed for the first time.</summary>
public sealed record SweepResult(IReadOnlyList<string> Started, IReadOnlyList<string> Stopped);

using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Timetable;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One referral from intake to closure. Every deadline is a durable timer and every human step an external event;
/// a safeguarding concern is answered at once whatever the stage. Each stage starts a new generation
/// (ContinueAsNew), and so does every check-in, so history stays short however long the support lasts.
/// People's signals are stored in the referral's inbox before the workflow is told; the workflow takes them from
/// there before every wait, so one raised while a generation ends is handled by the next (Durable Task can drop
/// events at ContinueAsNew). The plan it waits on is written to the schedule board whenever it changes.
/// </summary>
public sealed class ReferralLifecycle : TaskOrchestrator<LifecycleState, string>
{
    public const string Name = nameof(ReferralLifecycle);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, LifecycleState state)
    {
        var flow = new Flow(context, state);
        if (state.Plan is null)
        {
            var plan = await context.CallActivityAsync<LifecyclePlan>(ActivityNames.LoadPlan, state.ReferralId, Retries.Storage);
            // A workflow restarted from the records keeps its stage's start; a new one starts its stage now.
            flow = new Flow(context, state with { Plan = plan, StageStartedAt = state.StageStartedAt == default ? context.CurrentUtcDateTime : state.StageStartedAt });
            if (!state.Acknowledged)
            {
                await flow.NotifyAsync(Notice.ReferralReceived);
                if (plan.Urgent)
                {
                    await flow.NotifyAsync(Notice.UrgentReferral);
                }
            }
        }

        return flow.State.Stage switch
        {
            ReferralStage.Assessment => await flow.AssessAsync(),
            ReferralStage.Deferred => await flow.DeferAsync(),
            ReferralStage.Matching => await flow.MatchAsync(),
            ReferralStage.Active => await flow.SupportAsync(),
            ReferralStage.Closing => await flow.CloseAsync(flow.State.MatchId is null ? "closed" : "planned-end"),
            _ => "closed",
        };
    }

    /// <summary>The orchestration's steps, sharing the context and state.</summary>
    private sealed class Flow(TaskOrchestrationContext context, LifecycleState state)
    {
        private ScheduleUpdate? published;
        private int step;

        public LifecycleState State { get; private set; } = state;

        private LifecyclePlan Plan => State.Plan!;

        private DateTime Now => context.CurrentUtcDateTime;

        public async Task<string> AssessAsync()
        {
            await EnterAsync(ReferralStage.Assessment);
            (DateTime, Notice)[] milestones =
            [
                .. Plan.AssessmentReminderAt is { } reminderAt ? [(reminderAt, Notice.AssessmentReminder)] : Array.Empty<(DateTime, Notice)>(),
                (Plan.AssessmentDueAt, Notice.AssessmentOverdue),
                (Plan.AssessmentEscalationAt, Notice.AssessmentEscalation),
            ];
            var dueAt = Plan.AssessmentDueAt;
            if (State.RecontactOn is not null)
            {
                // Back from deferral: a new timetable from the re-contact, on the same working-day rules as a new referral.
                var times = await context.CallActivityAsync<AssessmentTimes>(
                    ActivityNames.PlanReassessment, new ReassessmentRequest(State.ReferralId, Now), Retries.Storage);
                milestones =
                [
                    .. times.ReminderAt is { } again ? [(again, Notice.AssessmentReminder)] : Array.Empty<(DateTime, Notice)>(),
                    (times.DueAt, Notice.AssessmentOverdue),
                    (times.EscalationAt, Notice.AssessmentEscalation),
                ];
                dueAt = times.DueAt;
            }

            while (true)
            {
                await PublishAsync(StageNames.Assessment, milestones.Where(m => !WasSent(m.Item2)).Select(m => new ScheduledItem(Kind(m.Item2), m.Item1)), dueAt);
                var pending = milestones.FirstOrDefault(m => !WasSent(m.Item2));
                var signal = await NextAsync(pending == default ? null : pending.Item1, LifecycleEvents.AssessmentRecorded, LifecycleEvents.ClosureRequested);
                if (signal is null)
                {
                    await NotifyAsync(pending.Item2, dueAt: dueAt);
                    continue;
                }

                if (signal.Value.Name == LifecycleEvents.ClosureRequested)
                {
                    return await CloseAsync(signal.Value.Payload.Reason ?? "withdrawn");
                }

                var outcome = Enum.Parse<AssessmentOutcome>(signal.Value.Payload.Outcome ?? nameof(AssessmentOutcome.Withdrawn), ignoreCase: true);
                return ReferralRules.AfterAssessment(outcome) switch
                {
                    ReferralStage.Matching => Next(ReferralStage.Matching),
                    ReferralStage.Deferred => Next(ReferralStage.Deferred, s => s with { RecontactOn = signal.Value.Payload.RecontactOn }),
                    _ => await CloseAsync(outcome == AssessmentOutcome.NotSuitable ? "not-suitable" : "withdrawn"),
                };
            }
        }

        public async Task<string> DeferAsync()
        {
            await EnterAsync(ReferralStage.Deferred);
            var recontactAt = await context.CallActivityAsync<DateTime>(
                ActivityNames.PlanRecontact, new RecontactRequest(State.ReferralId, State.RecontactOn ?? ReferralTimetable.DefaultRecontactOn(Now)), Retries.Storage);
            await PublishAsync(StageNames.Deferred, [new ScheduledItem(Kind(Notice.RecontactDue), recontactAt)], recontactAt);
            var signal = await NextAsync(recontactAt, LifecycleEvents.ClosureRequested, LifecycleEvents.Recontacted);
            if (signal is { Name: LifecycleEvents.ClosureRequested })
            {
                return await CloseAsync(signal.Value.Payload.Reason ?? "withdrawn");
            }

            if (signal is null)
            {
                await NotifyAsync(Notice.RecontactDue);
            }

            return Next(ReferralStage.Assessment);
        }

        public async Task<string> MatchAsync()
        {
            await EnterAsync(ReferralStage.Matching);
            var escalateAt = ReferralTimetable.MatchWaitEscalation(State.StageStartedAt, Plan);
            // The coordinator chooses the first mentor from the explained shortlist; after a decline or no answer the
            // next best candidate is proposed automatically where the scheme says so, else the coordinator proposes again.
            var matchId = State.MatchId;

            // Bounded: each turn is a proposal to a mentor not asked before, or the one escalation; the stage ends in a new generation.
#pragma warning disable DURABLE0011
            while (true)
            {
                if (matchId is null)
                {
                    await PublishAsync(StageNames.Matching, WasSent(Notice.MatchWaitEscalation) ? [] : [new ScheduledItem(Kind(Notice.MatchWaitEscalation), escalateAt)], escalateAt);
                    var waited = await NextAsync(WasSent(Notice.MatchWaitEscalation) ? null : escalateAt, LifecycleEvents.MatchProposed, LifecycleEvents.ClosureRequested);
                    if (waited is null)
                    {
                        await NotifyAsync(Notice.MatchWaitEscalation);
                        continue;
                    }

                    if (waited.Value.Name == LifecycleEvents.ClosureRequested)
                    {
                        return await CloseAsync(waited.Value.Payload.Reason ?? "withdrawn");
                    }

                    matchId = waited.Value.Payload.MatchId;
                    continue;
                }

                var fate = await AwaitAnswerAsync(matchId, escalateAt);
                var answer = fate.Answer ?? MatchAnswer.Expired;
                await context.CallActivityAsync(ActivityNames.ResolveProposal, new ProposalResolution(State.ReferralId, matchId, Outcome(answer)), Retries.Storage);
                switch (answer)
                {
                    case MatchAnswer.Accepted:
                        await NotifyAsync(Notice.MatchConfirmed, matchId);
                        return Next(ReferralStage.Active, s => s with { MatchId = matchId, MatchedAt = Now, LastCheckInAt = Now });
                    case MatchAnswer.Withdrawn:
                        return await CloseAsync("withdrawn");
                    default:
                        // Declined or unanswered: that mentor is not asked again; the next best candidate is, unless
                        // the referral is closing.
                        await NotifyAsync(answer == MatchAnswer.Declined ? Notice.MatchDeclined : Notice.MatchUnanswered, matchId);
                        if (fate.ClosureRequested)
                        {
                            return await CloseAsync("withdrawn");
                        }

                        matchId = await context.CallActivityAsync<string?>(ActivityNames.ProposeNextCandidate, State.ReferralId, Retries.Storage);
                        if (matchId is null)
                        {
                            await NotifyAsync(Notice.NoCandidates);
                        }

                        break;
                }
            }
#pragma warning restore DURABLE0011
        }

        public async Task<string> SupportAsync()
        {
            await EnterAsync(ReferralStage.Active);
            var matchedAt = State.MatchedAt ?? Now;
            var checkIn = ReferralTimetable.CheckIn(State.LastCheckInAt ?? matchedAt, Plan);
            var support = ReferralTimetable.Support(matchedAt, Plan);
            var due = checkIn.DueAt;
            var milestones = new List<(DateTime At, Notice Notice)>
            {
                (checkIn.ReminderAt, Notice.CheckInReminder),
                (checkIn.OverdueAt, Notice.CheckInOverdue),
            };
            var firstMeetingBy = support.FirstMeetingBy;
            if (!State.FirstMeetingDone)
            {
                milestones.Add((firstMeetingBy, Notice.FirstMeetingOverdue));
            }

            if (!State.ReviewSent)
            {
                milestones.Add((support.ReviewAt, Notice.MatchReview));
            }

            milestones.Sort((a, b) => a.At.CompareTo(b.At));
            // Bounded: each turn sends a milestone at most once or ends the cycle in a new generation (ContinueAsNew, below).
#pragma warning disable DURABLE0011
            while (true)
            {
                var pending = milestones.Where(m => !WasSent(m.Notice)).ToList();
                await PublishAsync(StageNames.Active, pending.Select(m => new ScheduledItem(Kind(m.Notice), m.At)), due);
                var signal = await NextAsync(
                    pending.Count == 0 ? null : pending[0].At,
                    LifecycleEvents.CheckInLogged, LifecycleEvents.FirstMeetingRecorded, LifecycleEvents.BreakdownReported, LifecycleEvents.ClosureRequested);
                if (signal is null)
                {
                    // Each notice cites its own date: the check-in's due date, or the date the first meeting was due by.
                    var about = pending[0].Notice == Notice.FirstMeetingOverdue ? firstMeetingBy : due;
                    await NotifyAsync(pending[0].Notice, State.MatchId, about);
                    if (pending[0].Notice == Notice.MatchReview)
                    {
                        State = State with { ReviewSent = true };
                    }

                    continue;
                }

                switch (signal.Value.Name)
                {
                    case LifecycleEvents.FirstMeetingRecorded:
                        State = State with { FirstMeetingDone = true };
                        milestones.RemoveAll(m => m.Notice == Notice.FirstMeetingOverdue);
                        continue;
                    case LifecycleEvents.CheckInLogged:
                        if (signal.Value.Payload.Rag == nameof(RagStatus.Red))
                        {
                            // A mentor saying "serious problems" must reach a person now, not at the next review.
                            await NotifyAsync(Notice.RedCheckIn, State.MatchId);
                        }

                        // A new cycle, in a new generation: history does not grow with the length of support.
                        ContinueAsNew(State with
                        {
                            LastCheckInAt = Now,
                            FirstMeetingDone = State.FirstMeetingDone || signal.Value.Payload.Met,
                            Sent = State.ReviewSent ? [Kind(Notice.MatchReview)] : [],
                        });
                        return "active";
                    case LifecycleEvents.BreakdownReported:
                        await context.CallActivityAsync(ActivityNames.RecordBreakdown, new Breakdown(State.ReferralId, State.MatchId!, signal.Value.Payload.Reason), Retries.Storage);
                        return Next(ReferralStage.Matching, s => s with { MatchId = null, MatchedAt = null, FirstMeetingDone = false, ReviewSent = false });
                    default:
                        return await CloseAsync(signal.Value.Payload.Reason ?? "planned-end");
                }
            }
#pragma warning restore DURABLE0011
        }

        public async Task<string> CloseAsync(string reason)
        {
            var hadSupport = State.MatchId is not null && State.Stage is ReferralStage.Active or ReferralStage.Closing;
            if (!hadSupport)
            {
                await context.CallActivityAsync(ActivityNames.CloseReferral, new Closure(State.ReferralId, reason, null), Retries.Storage);
                await NotifyAsync(Notice.Closed);
                await SetStageAsync(ReferralStage.Closed);
                await PublishAsync(StageNames.Closed, [], null);
                return "closed";
            }

            // Restarted from the records while closing, it keeps what was sent: feedback is not asked for twice.
            State = State with { Stage = ReferralStage.Closing, Sent = State.Stage == ReferralStage.Closing ? State.Sent : [] };
            await SetStageAsync(ReferralStage.Closing);
            if (!WasSent(Notice.FeedbackRequest))
            {
                await NotifyAsync(Notice.FeedbackRequest, State.MatchId);
            }

            var feedback = ReferralTimetable.Feedback(Now, Plan);
            var windowEnds = feedback.WindowEndsAt;
            var reminderAt = feedback.ReminderAt;
            var received = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (received.Count < 2)
            {
                var reminderDue = !WasSent(Notice.FeedbackReminder);
                await PublishAsync(StageNames.Closing, reminderDue ? [new(Kind(Notice.FeedbackReminder), reminderAt), new(NoticeCatalog.FeedbackWindowEnds, windowEnds)] : [new(NoticeCatalog.FeedbackWindowEnds, windowEnds)], windowEnds);
                var signal = await NextAsync(reminderDue ? reminderAt : windowEnds, LifecycleEvents.FeedbackSubmitted);
                if (signal is null && reminderDue)
                {
                    await NotifyAsync(Notice.FeedbackReminder, State.MatchId);
                    continue;
                }

                if (signal is null)
                {
                    break;
                }

                received.Add(signal.Value.Payload.From ?? "unknown");
            }

            await context.CallActivityAsync(ActivityNames.CloseReferral, new Closure(State.ReferralId, reason, State.MatchId), Retries.Storage);
            await NotifyAsync(Notice.Closed, State.MatchId);
            await SetStageAsync(ReferralStage.Closed);
            await PublishAsync(StageNames.Closed, [], null);
            return "closed";
        }

        /// <summary>
        /// Records that the notice is due; its delivery runs apart (<see cref="Delivery.NoticeDelivery"/>), so a failing
        /// email provider never holds the referral up. Only the records' store failing for hours stops the recording,
        /// and then the referral still goes on.
        /// </summary>
        public async Task NotifyAsync(Notice notice, string? matchId = null, DateTime? dueAt = null)
        {
            var request = new NoticeRequest(State.ReferralId, notice, matchId ?? State.MatchId, dueAt) { Key = NextKey(), DecidedAt = Now };
            try
            {
                await context.CallActivityAsync(ActivityNames.Notify, request, Retries.Outbox);
            }
            catch (TaskFailedException ex)
            {
                LifecycleLog.NoticeNotRecorded(context.CreateReplaySafeLogger<ReferralLifecycle>(), ex, notice, request.Key);
            }

            State = State with { Sent = [.. State.Sent, Kind(notice)] };
        }

        /// <summary>
        /// Waits for a proposed match's answer, with a reminder before the window closes. The answer acted on is the one
        /// kept on the match row (<see cref="Activities.DecideProposal"/>), read again whenever a timer fires: an answer stored
        /// just before the window ended, or whose signal was never sent (a crash after storing it), is not lost.
        /// </summary>
        private async Task<ProposalFate> AwaitAnswerAsync(string matchId, DateTime escalateAt)
        {
            // A proposal open when the workflow was restarted from the records was sent then: its window runs from then.
            var resumed = State.ProposedAt;
            State = State with { ProposedAt = null };
            var (reminderAt, expiresAt) = Plan.ProposalReminderOnNoticeGrid
                ? ReferralTimetable.Proposal(resumed ?? Now, Plan)
                : ReferralTimetable.ProposalAsFirstReleased(resumed ?? Now, Plan);
            if (resumed is null)
            {
                await NotifyAsync(Notice.MatchProposed, matchId, expiresAt);
            }

            var reminded = resumed is not null && WasSent(Notice.MatchReminder);
            while (true)
            {
                var items = new List<ScheduledItem>();
                if (!reminded)
                {
                    items.Add(new(Kind(Notice.MatchReminder), reminderAt));
                }

                items.Add(new(NoticeCatalog.MatchResponseDue, expiresAt));
                if (!WasSent(Notice.MatchWaitEscalation))
                {
                    items.Add(new(Kind(Notice.MatchWaitEscalation), escalateAt));
                }

                await PublishAsync(StageNames.Matching, items, expiresAt);
                var next = items.Min(i => i.DueAt);
                var signal = await NextAsync(next, LifecycleEvents.MatchResponse, LifecycleEvents.ClosureRequested);
                if (signal is null)
                {
                    var remind = !reminded && next == reminderAt;
                    var escalate = !remind && next == escalateAt && !WasSent(Notice.MatchWaitEscalation);
                    var fate = await DecideAsync(matchId, remind || escalate ? null : MatchAnswer.Expired);
                    if (fate.Answer is not null)
                    {
                        return fate;
                    }

                    if (remind)
                    {
                        reminded = true;
                        await NotifyAsync(Notice.MatchReminder, matchId, expiresAt);
                    }
                    else
                    {
                        await NotifyAsync(Notice.MatchWaitEscalation, matchId);
                    }

                    continue;
                }

                if (signal.Value.Name == LifecycleEvents.ClosureRequested)
                {
                    return await DecideAsync(matchId, MatchAnswer.Withdrawn);
                }

                if (signal.Value.Payload.MatchId == matchId)
                {
                    return await DecideAsync(matchId, signal.Value.Payload.Accepted ? MatchAnswer.Accepted : MatchAnswer.Declined);
                }

                // An answer to an earlier proposal that has already expired: nothing to do.
            }
        }

        /// <summary>What is kept for the proposal, writing <paramref name="claim"/> first if nothing is.</summary>
        private Task<ProposalFate> DecideAsync(string matchId, MatchAnswer? claim) =>
            context.CallActivityAsync<ProposalFate>(ActivityNames.DecideProposal, new ProposalClaim(State.ReferralId, matchId, claim), Retries.Storage);

        private static string Outcome(MatchAnswer answer) => answer switch
        {
            MatchAnswer.Accepted => "accepted",
            MatchAnswer.Declined => "declined",
            MatchAnswer.Withdrawn => "withdrawn",
            _ => "expired",
        };

        /// <summary>
        /// The next of the named signals, or null when <paramref name="until"/> comes first. The inbox is read before
        /// every wait; the doorbell event only says "look again". A safeguarding concern is handled here, in every
        /// wait, so it alerts at once whatever the stage.
        /// </summary>
        private async Task<(string Name, Signal Payload)?> NextAsync(DateTime? until, params string[] names)
        {
            string[] expected = [.. names, LifecycleEvents.SafeguardingConcern];
            // Bounded by people's actions: each turn takes a signal or answers a doorbell, and every stage is a generation of its own.
#pragma warning disable DURABLE0011
            while (true)
            {
                var taken = await context.CallActivityAsync<TakenSignal?>(
                    ActivityNames.TakeSignal, new SignalRequest(State.ReferralId, NextKey(), expected), Retries.Storage);
                if (taken is not null)
                {
                    if (taken.Name == LifecycleEvents.SafeguardingConcern)
                    {
                        await NotifyAsync(Notice.SafeguardingAlert);
                        continue;
                    }

                    return (taken.Name, taken.Payload);
                }

                using var cancel = new CancellationTokenSource();
                var doorbell = context.WaitForExternalEvent<string?>(LifecycleEvents.Doorbell, cancel.Token);
                // Timers may fire a little early by the orchestration's clock: nothing below compares now with due.
                var timer = until is { } at ? context.CreateTimer(at > Now ? at : Now, cancel.Token) : null;
                var winner = await Task.WhenAny(timer is null ? [doorbell] : [doorbell, timer]);
                // Synchronous on purpose: CancelAsync runs the callbacks on the thread pool, outside the replay scheduler.
#pragma warning disable CA1849
                cancel.Cancel();
#pragma warning restore CA1849
                if (winner == timer)
                {
                    return null;
                }
            }
#pragma warning restore DURABLE0011
        }

        private async Task EnterAsync(ReferralStage stage)
        {
            State = State with { Stage = stage };
            await SetStageAsync(stage);
        }

        private Task SetStageAsync(ReferralStage stage) =>
            context.CallActivityAsync(ActivityNames.SetStage, new StageChange(State.ReferralId, stage), Retries.Storage);

        private string Next(ReferralStage stage, Func<LifecycleState, LifecycleState>? change = null)
        {
            var next = State with { Stage = stage, StageStartedAt = Now, Sent = [] };
            ContinueAsNew(change?.Invoke(next) ?? next);
            return stage.ToString();
        }

        /// <summary>
        /// A new generation. Unprocessed events are not carried over: they are only doorbells, and the next
        /// generation reads the inbox before it waits.
        /// </summary>
        private void ContinueAsNew(LifecycleState next) =>
            WorkflowVersion.ContinueAsNew(context, next with { Generation = State.Generation + 1 });

        /// <summary>The idempotency key of the next activity call: the same on every replay, new in each generation.</summary>
        private string NextKey() => $"{context.InstanceId}:{State.Generation}:{++step}";

        /// <summary>What is scheduled next, for coordinators and alerts: written to the schedule board when it changes.</summary>
        private async Task PublishAsync(string stage, IEnumerable<ScheduledItem> next, DateTime? dueAt)
        {
            var items = next.OrderBy(i => i.DueAt).ToList();
            context.SetCustomStatus(new LifecycleStatus(stage, items));
            // The engine's own time, which only goes forward from one episode to the next, whatever the sandbox clock does.
            var update = new ScheduleUpdate(State.ReferralId, Plan.SchemeId, stage, dueAt, items) { PlannedAt = context.CurrentUtcDateTime };
            if (published is not null && published.SameAs(update))
            {
                return;
            }

            await context.CallActivityAsync(ActivityNames.PublishSchedule, update, Retries.Storage);
            published = update;
        }

        private bool WasSent(Notice notice) => State.Sent.Contains(Kind(notice));

        private static string Kind(Notice notice) => notice.Kind();
    }
}

/// <summary>Retry policies for the lifecycle's activities.</summary>
internal static class Retries
{
    public static TaskOptions Storage { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    /// <summary>Recording a notice only writes the outbox: its retries outlast a storage outage of a few hours.</summary>
    public static TaskOptions Outbox { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromMinutes(1), 2, TimeSpan.FromHours(2)));
}

internal static partial class LifecycleLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Notice {Notice} with key {Key} could not be recorded after its retries; the referral goes on without it.")]
    public static partial void NoticeNotRecorded(ILogger logger, Exception exception, Notice notice, string key);
}

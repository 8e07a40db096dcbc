using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Delivery;

/// <summary>
/// Delivers one notice, apart from the lifecycle that decided it was due: tries, waits with backoff on durable
/// timers, and after the last try (or a refusal) leaves it as not delivered for staff to see. It never fails: a
/// failing provider costs a late notice, never a stopped delivery, and the lifecycle never waits for it.
/// </summary>
public sealed class NoticeDelivery : TaskOrchestrator<NoticeDeliveryInput, string>
{
    public const string Name = nameof(NoticeDelivery);

    /// <summary>Waits between tries: about 12 hours from the first to the last, then staff are shown it.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(2), TimeSpan.FromHours(2), TimeSpan.FromHours(2),
    ];

    /// <summary>Steps per generation, so that a long wait behind an earlier notice does not grow the history.</summary>
    private const int StepsPerGeneration = 30;

    public static int MaxAttempts => Backoff.Count + 1;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, NoticeDeliveryInput input)
    {
        var attempt = input.Attempt;
        var waits = input.Waits;
        for (var step = 0; step < StepsPerGeneration; step++)
        {
            DeliveryResult result;
            try
            {
                result = await context.CallActivityAsync<DeliveryResult>(
                    ActivityNames.DeliverNotice, new DeliveryAttempt(input.ReferralId, input.Key, attempt + 1, attempt + 1 >= MaxAttempts), Retries.Storage);
            }
            catch (TaskFailedException)
            {
                // The records could not be read or written (a storage outage): not the provider's fault, so not a try.
                result = new DeliveryResult(DeliveryOutcome.Wait);
            }

            TimeSpan delay;
            switch (result.Outcome)
            {
                case DeliveryOutcome.Retry:
                    attempt++;
                    delay = Backoff[Math.Min(attempt, Backoff.Count) - 1];
                    if (result.RetryAfter is { } asked && asked > delay)
                    {
                        delay = asked;
                    }

                    break;
                case DeliveryOutcome.Wait:
                    waits++;
                    // A text held for quiet hours says how long; an earlier notice still on its way does not.
                    delay = result.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(15 * Math.Pow(2, Math.Min(waits, 10)), 600));
                    break;
                default:
                    return result.Outcome.ToString();
            }

            await context.CreateTimer(context.CurrentUtcDateTime + delay, CancellationToken.None);
        }

        WorkflowVersion.ContinueAsNew(context, input with { Attempt = attempt, Waits = waits });
        return "continued";
    }

    /// <summary>The instance id of a notice's delivery: its key, and the staff retry it belongs to.</summary>
    public static string InstanceId(string key, int retry) => retry == 0 ? $"notice:{key}" : $"notice:{key}:retry{retry}";
}

using PeerFlow.Durable;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Functions.Dev;

/// <summary>Development only: read and move the sandbox clock; everything that became due fires before the answer.</summary>
public static class DevClockApi
{
    public static IEndpointRouteBuilder MapDevClock(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/dev/clock").WithTags("Development").ExcludeFromDescription();
        dev.MapGet("/", (SandboxClock clock) => Results.Ok(new { now = clock.GetUtcNow(), offset = clock.Offset.ToString() }));
        dev.MapPost("/advance", AdvanceAsync).DisableAntiforgery();
        dev.MapPost("/advance-form", AdvanceFromFormAsync);
        return app;
    }

    /// <summary>The form in every staff page's sandbox banner: move on, then back to the page it was posted from.</summary>
    public static async Task<IResult> AdvanceFromFormAsync(
        [Microsoft.AspNetCore.Mvc.FromForm] double? days, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl,
        SandboxClock clock, DurableClient workflows, IWorkQueue queue, TimerPump pump, DurableWorkerService worker, CancellationToken cancellationToken)
    {
        var result = await AdvanceAsync(days, null, clock, workflows, queue, pump, worker, cancellationToken);
        if (result is not Microsoft.AspNetCore.Http.HttpResults.Ok<object>)
        {
            // Only when the number was out of range; the form's min and max keep browsers from sending that.
            return result;
        }

        var local = returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\' ? returnUrl : "/dashboard";
        return Results.LocalRedirect(local);
    }

    public static async Task<IResult> AdvanceAsync(
        double? days, double? hours, SandboxClock clock, DurableClient workflows, IWorkQueue queue, TimerPump pump, DurableWorkerService worker, CancellationToken cancellationToken)
    {
        var by = TimeSpan.FromDays(days ?? 0) + TimeSpan.FromHours(hours ?? 0);
        if (by <= TimeSpan.Zero || by > TimeSpan.FromDays(400))
        {
            return Api.ValidationResults.Field("days", "Advance by more than nothing and at most 400 days.");
        }

        // Stop at each next due timer (at most a day apart), so a chain of deadlines fires in order, each at its own time.
        var target = clock.GetUtcNow() + by;
        var fired = 0;
        while (clock.GetUtcNow() < target)
        {
            var now = clock.GetUtcNow();
            var next = await NextTimerAsync(workflows, now.UtcDateTime, cancellationToken);
            var stop = new[] { target, now + TimeSpan.FromDays(1), next ?? DateTimeOffset.MaxValue }.Min();
            clock.Advance(stop - now);
            fired += await FireDueAsync(clock, workflows, queue, pump, worker, cancellationToken);
        }

        return Results.Ok<object>(new { now = clock.GetUtcNow(), offset = clock.Offset.ToString(), wakeUps = fired });
    }

    private static async Task<DateTimeOffset?> NextTimerAsync(DurableClient workflows, DateTime now, CancellationToken cancellationToken)
    {
        DateTime? next = null;
        string? token = null;
        do
        {
            var page = await workflows.QueryAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running], ContinuationToken = token, PageSize = 500 }, cancellationToken);
            foreach (var at in page.Instances.Select(i => i.NextTimerAt).Where(t => t > now))
            {
                next = next is null || at < next ? at : next;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return next is null ? null : new DateTimeOffset(DateTime.SpecifyKind(next.Value, DateTimeKind.Utc));
    }

    /// <summary>
    /// Delayed queue messages wait for real time, which the sandbox clock does not move; so every instance whose
    /// next timer is now due is woken explicitly, then the queue is drained.
    /// </summary>
    private static async Task<int> FireDueAsync(SandboxClock clock, DurableClient workflows, IWorkQueue queue, TimerPump pump, DurableWorkerService worker, CancellationToken cancellationToken)
    {
        var handled = 0;
        for (var round = 0; round < 20; round++)
        {
            await pump.PumpAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            string? token = null;
            do
            {
                var page = await workflows.QueryAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running], ContinuationToken = token, PageSize = 500 }, cancellationToken);
                foreach (var instance in page.Instances.Where(i => i.NextTimerAt <= now))
                {
                    await queue.SendAsync(instance.InstanceId, TimeSpan.Zero, cancellationToken);
                }

                token = page.ContinuationToken;
            }
            while (token is not null);

            var drained = await worker.DrainAsync(cancellationToken);
            handled += drained;
            if (drained == 0)
            {
                return handled;
            }
        }

        return handled;
    }
}

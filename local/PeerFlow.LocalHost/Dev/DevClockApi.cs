using PeerFlow.LocalEngine.Clock;
using PeerFlow.Web.Rendering;

namespace PeerFlow.LocalHost.Dev;

/// <summary>Development only: read and move the sandbox clock; everything that became due fires before the answer.</summary>
public static class DevClockApi
{
    public static IEndpointRouteBuilder MapDevClock(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/dev/clock").WithTags("Development").ExcludeFromDescription();
        if (app.ServiceProvider.GetService<FastClock>() is { } fast)
        {
            // A fast clock is not moved by hand: it runs on by itself, the same in every host.
            dev.MapGet("/", () => Results.Ok(new { now = fast.GetUtcNow(), speed = fast.Speed }));
            return app;
        }

        dev.MapGet("/", (SandboxClock clock) => Results.Ok(new { now = clock.GetUtcNow(), offset = clock.Offset.ToString() }));
        dev.MapPost("/advance", AdvanceAsync).DisableAntiforgery();
        dev.MapPost("/advance-form", AdvanceFromFormAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>The form in every staff page's sandbox banner: move on, then back to the page it was posted from.</summary>
    public static async Task<IResult> AdvanceFromFormAsync(HttpContext http, SandboxClock clock, HeldTimers timers, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var days = double.TryParse(form["days"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (double?)null;
        var returnUrl = form["returnUrl"];
        var result = await AdvanceAsync(days, null, null, clock, timers, cancellationToken);
        if (result is not Microsoft.AspNetCore.Http.HttpResults.Ok<object>)
        {
            // Only when the number was out of range; the form's min and max keep browsers from sending that.
            return result;
        }

        var local = returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\' ? returnUrl : "/dashboard";
        return Results.LocalRedirect(local);
    }

    /// <summary>Moves the clock by days and hours, or to a given date; it never goes back.</summary>
    public static async Task<IResult> AdvanceAsync(
        double? days, double? hours, DateTimeOffset? to, SandboxClock clock, HeldTimers timers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var target = to ?? now + TimeSpan.FromDays(days ?? 0) + TimeSpan.FromHours(hours ?? 0);
        var by = target - now;
        if (by <= TimeSpan.Zero || by > TimeSpan.FromDays(400))
        {
            return PeerFlow.Web.Api.ValidationResults.Field(to is null ? "days" : "to", "Move the clock forward, by at most 400 days.");
        }

        // Stops at each held timer on the way, so a chain of deadlines fires in order, each at its own time.
        var fired = await timers.MoveToAsync(target.UtcDateTime, cancellationToken);
        return Results.Ok<object>(new { now = clock.GetUtcNow(), offset = clock.Offset.ToString(), wakeUps = fired });
    }
}

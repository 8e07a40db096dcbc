using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using PeerFlow.Web.Pages;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// What happens around every endpoint, in both hosts alike: the security headers, the body size limit, signing in and
/// the endpoint's roles, and turning an empty error answer or an exception into a page for people or problem details
/// for programs. The local host runs it as middleware; each function runs it around its handler.
/// </summary>
public sealed partial class WebPipeline(
    IStaffSignIn signIn, PublicPostLimiter limiter, RefusedPosts refused, Hosting.StorageHealth storage, PageRenderer pages, IProblemDetailsService problems, ILogger<WebPipeline> logger)
{
    public const long MaxBodyBytes = 64 * 1024;

    /// <param name="endpoint">The endpoint the request is for; null for a path nothing serves, or a local development tool.</param>
    public async Task InvokeAsync(HttpContext http, WebEndpoint? endpoint, RequestDelegate next)
    {
        // A scan of a growing table reported while this runs names the endpoint that made it (issue 20's test).
        using var during = Domain.Storage.TableScans.During(endpoint?.Name ?? http.Request.Path.Value ?? "");
        SecurityHeaders.Apply(http);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // A HEAD runs its GET (same status and headers) and sends no body, whichever server is in front.
            http.Response.Body = Stream.Null;
        }

        // A local stand-in for a provider (the SendGrid capture) takes what the provider takes, and says so on its route.
        var maxBody = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (http.Request.ContentLength > maxBody)
        {
            // Nothing PeerFlow takes in is large: refused before anything reads it, so it can fill no row.
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        else
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBody; // a body without a length is cut off at the same size
            }

            var principal = signIn.Authenticate(http);
            if (principal is not null)
            {
                http.User = principal;
                http.RequestServices.GetRequiredService<Api.StaffIdentity>().Principal = principal;
            }

            var access = StaffRoles.Check(endpoint?.Audience ?? (StaffAreas.IsPublic(http.Request) ? Audience.Public : Audience.Staff), principal);
            if (access != StatusCodes.Status200OK)
            {
                http.Response.StatusCode = access; // empty: answered below as a page or problem details
            }
            else if (endpoint is { Audience: Audience.Public, Method: "POST" } && principal is null && limiter.Refuse(http) is { } wait)
            {
                // Before the body is read: a flood costs a counter, not a record, a workflow or an email. Staff are
                // not counted: a coordinator typing in a morning's phone referrals is not a flood.
                LogLimited(endpoint.Name);
                if (RefusedPosts.ReferralPosts.Contains(endpoint.Name))
                {
                    refused.Record();
                }

                http.Response.Headers.RetryAfter = Api.RetryAfter.Seconds(wait);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }
            else if (storage.KnownUnreachable && endpoint?.Name is not ("Health" or "Stylesheet"))
            {
                // Fail fast while an outage is known: a hanging storage would hold this request for minutes.
                http.Response.Headers.RetryAfter = "30";
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
            else if (!RequestCharset.IsReadable(http.Request))
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            }
            else
            {
                await RunAsync(http, endpoint, next);
            }
        }

        if (http.Response.StatusCode >= 400 && !http.Response.HasStarted && http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
        {
            await AnswerErrorAsync(http);
        }
    }

    private async Task RunAsync(HttpContext http, WebEndpoint? endpoint, RequestDelegate next)
    {
        try
        {
            if (endpoint is not null && RecordGate.For(endpoint) is { } gate
                && !await gate.AdmitsAsync(http, http.RequestServices.GetRequiredService<SchemeAccess>()))
            {
                // As the handler answers a record that does not exist: a scheme's staff list is not to be probed.
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                if (!WebPages.IsPage(http))
                {
                    await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: gate.NotFoundTitle).ExecuteAsync(http);
                }

                return;
            }

            await next(http);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            SecurityHeaders.Apply(http);
            http.Response.StatusCode = ex.StatusCode;
        }
        catch (InvalidDataException) when (!http.Response.HasStarted)
        {
            // The form reader's limits (more than 1,024 fields, a field too long): the sender's mistake, not ours.
            http.Response.Clear();
            SecurityHeaders.Apply(http);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
        {
            http.Response.Clear();
            SecurityHeaders.Apply(http);
            if (await storage.IsReachableAsync(http.RequestAborted, fresh: Hosting.StorageHealth.LooksLikeOutage(ex)))
            {
                LogFailed(ex, http.Request.Method, endpoint?.Name ?? "(no endpoint)");
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            else
            {
                // Storage is down (an outage, or Azurite stopped): not a fault of this request or of PeerFlow's code,
                // and it passes. The engine and the sweeper pick up where they were once it is back.
                LogUnavailable(http.Request.Method, endpoint?.Name ?? "(no endpoint)");
                http.Response.Headers.RetryAfter = "30";
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        }
    }

    private async Task AnswerErrorAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        if (WebPages.IsPage(http))
        {
            var page = await pages.RenderAsync<StatusPage>(http, new Dictionary<string, object?> { [nameof(StatusPage.Code)] = status }, statusCode: status);
            await page.ExecuteAsync(http);
        }
        else
        {
            // TryWrite: a client whose Accept rules out JSON gets the bare status rather than an exception.
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
        }
    }

    // No address: it is personal data, and the count per endpoint is what an operator acts on.
    [LoggerMessage(LogLevel.Warning, "{Endpoint}: a client posted too often and was asked to wait")]
    private partial void LogLimited(string endpoint);

    [LoggerMessage(LogLevel.Warning, "{Method} {Endpoint} answered 503: storage is unreachable")]
    private partial void LogUnavailable(string method, string endpoint);

    // The endpoint's name, not the path: paths hold emailed links' tokens and ids, queries and bodies personal data.
    [LoggerMessage(LogLevel.Error, "{Method} {Endpoint} failed")]
    private partial void LogFailed(Exception exception, string method, string endpoint);
}

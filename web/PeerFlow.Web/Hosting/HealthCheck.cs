namespace PeerFlow.Web.Hosting;

/// <summary>
/// `/healthz` for load balancers, Azure's health check and operators: 200 while PeerFlow's storage answers, 503 while
/// it does not (with Retry-After), so an outage shows as unhealthy rather than as a stream of failed pages.
/// </summary>
public static class HealthCheck
{
    public static async Task<IResult> AnswerAsync(StorageHealth storage, HttpContext http)
    {
        if (await storage.IsReachableAsync(http.RequestAborted))
        {
            return Results.Ok(new { status = "ok" });
        }

        http.Response.Headers.RetryAfter = "30";
        return Results.Json(new { status = "unhealthy", storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

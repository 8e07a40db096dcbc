using Microsoft.AspNetCore.Http.Features;

namespace PeerFlow.Functions.Web;

/// <summary>
/// Nothing PeerFlow takes in is large: the longest form is a few kilobytes of text. A bigger body is refused with
/// 413 before anything reads it, so it can neither fill a table row nor tie up the app.
/// </summary>
public static class BodySizeLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The status page that explains a 413 is reached by re-executing the same request: let it through.
        if (context.Request.ContentLength > MaxBytes && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // A body without a length (chunked) is cut off by the server at the same size, where it can.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        await next(context);
    });
}

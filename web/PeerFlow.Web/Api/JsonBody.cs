using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PeerFlow.Web.Api;

/// <summary>
/// The one way handlers read a JSON body themselves (when the binder cannot, because what to read depends on
/// something checked first): the app's serializer options, a 415 problem for anything that is not JSON and a 400
/// for JSON that does not fit, never an exception. Bodies the minimal-API binder reads get the same answers from it
/// and from <see cref="Endpoints.WebPipeline"/>.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, UnsupportedType());
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<T>(options, cancellationToken) is { } value
                ? (value, null)
                : (null, ValidationResults.Field("body", $"Send the {what}'s details."));
        }
        catch (JsonException)
        {
            return (null, ValidationResults.Field("body", $"The request body is not valid JSON for a {what}."));
        }
    }

    public static IResult UnsupportedType() =>
        Results.Problem("Send the body as JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
}

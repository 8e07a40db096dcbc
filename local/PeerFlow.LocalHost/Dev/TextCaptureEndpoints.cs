using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Sms;

namespace PeerFlow.LocalHost.Dev;

/// <summary>
/// A local stand-in for Twilio, for development and tests: <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>
/// stores what it receives and answers like Twilio (201 with the message's sid); <c>/dev/sms</c> shows it. Map it
/// only with the development sign-in, like the mail capture: it takes any account and shows every text to anyone.
/// </summary>
public static class TextCaptureEndpoints
{
    /// <summary>Texts to this number (Ofcom's drama range) are refused with 400, as Twilio refuses a number it cannot reach.</summary>
    public const string RefusedNumber = "+447700900999";

    public static IEndpointRouteBuilder MapTextCapture(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", ReceiveAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/dev/sms", ListAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(string sid, HttpContext context, CapturedTextStore store, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, 20001, "The request must be a form.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var to = form["To"].ToString();
        var body = form["Body"].ToString();
        if (!to.StartsWith('+') || to.Length < 8 || to == RefusedNumber)
        {
            return Error(StatusCodes.Status400BadRequest, 21211, $"The 'To' number {to} is not a valid phone number.");
        }

        if (body.Length is 0 or > 1600)
        {
            return Error(StatusCodes.Status400BadRequest, 21617, "The concatenated message body exceeds the 1600 character limit or is empty.");
        }

        var saved = await store.SaveAsync(to, form["From"].ToString(), body, context.Request.Headers["X-PeerFlow-Template"].FirstOrDefault(), context.Request.Headers["X-PeerFlow-Key"].FirstOrDefault(), cancellationToken);
        return Results.Json(new { sid = saved.Sid, account_sid = sid, to, body, status = "queued" }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CapturedTextStore store, CancellationToken cancellationToken)
    {
        var texts = await store.ListAsync(cancellationToken: cancellationToken);
        var html = new StringBuilder("<h1>Captured texts</h1><p>Text messages sent to PeerFlow's local Twilio stand-in, newest first. Development only.</p>");
        if (texts.Count == 0)
        {
            html.Append("<p>Nothing captured yet.</p>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<table><caption>{texts.Count} texts</caption><thead><tr><th scope=\"col\">Received (UTC)</th><th scope=\"col\">To</th><th scope=\"col\">Text</th><th scope=\"col\">Template</th><th scope=\"col\">Key</th></tr></thead><tbody>");
            foreach (var text in texts)
            {
                html.Append("<tr><td>").Append(E(text.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                    .Append("</td><td>").Append(E(text.To)).Append("</td><td class=\"body\">").Append(Linked(text.Body))
                    .Append("</td><td>").Append(E(text.Template ?? "")).Append("</td><td>").Append(E(text.IdempotencyKey ?? "")).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        var headers = context.Response.Headers;
        // Captured texts hold live signed links: keep them out of Referer headers.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Content(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Captured texts – PeerFlow</title>" +
            "<style>body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;line-height:1.5;color:#0b0c0c}table{border-collapse:collapse;width:100%}" +
            "th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #b1b4b6}td.body{white-space:pre-wrap;overflow-wrap:anywhere}a{color:#1d4f91}</style></head><body><main>" +
            html + "</main></body></html>",
            "text/html; charset=utf-8");
    }

    /// <summary>The text, encoded, with its links made clickable so a developer can follow a mentor's link.</summary>
    private static string Linked(string body) =>
        string.Join(' ', body.Split(' ').Select(word => Uri.TryCreate(word, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<a href=\"{E(word)}\">{E(word)}</a>"
            : E(word)));

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}

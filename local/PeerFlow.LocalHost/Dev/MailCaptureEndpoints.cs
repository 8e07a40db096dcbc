using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Sms;

namespace PeerFlow.LocalHost.Dev;

/// <summary>
/// A local stand-in for SendGrid, for development and tests: <c>POST /v3/mail/send</c> stores what it receives and
/// answers like SendGrid; <c>/dev/mail</c> shows it. Map it only in Development: it takes any API key and shows
/// every captured email to anyone who can reach it.
/// </summary>
public static class MailCaptureEndpoints
{
    public const long SendGridMaxBytes = 30L * 1024 * 1024;

    public static IEndpointRouteBuilder MapMailCapture(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // SendGrid takes a message of up to 30 MB, attachments included (the monthly report's workbook is more than
        // PeerFlow's own 64 KB limit on what people post); the capture's table holds less, and says so with a 413.
        app.MapPost("/v3/mail/send", ReceiveAsync).ExcludeFromDescription().WithMetadata(new BodyLimit(SendGridMaxBytes));
        app.MapGet("/dev/mail", ListAsync).ExcludeFromDescription();
        app.MapGet("/dev/mail/{id}", ShowAsync).ExcludeFromDescription();
        app.MapGet("/dev/mail/{id}/payload", PayloadAsync).ExcludeFromDescription();
        app.MapGet("/dev/mail/{id}/attachments/{index:int}", AttachmentAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, CapturedMailStore store, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return SendGridErrors(StatusCodes.Status400BadRequest, [new(null, "The request body is not valid JSON.")]);
        }

        var errors = SendGridPayload.Validate(body);
        if (errors.Count > 0)
        {
            return SendGridErrors(StatusCodes.Status400BadRequest, errors);
        }

        CapturedMailSummary saved;
        try
        {
            saved = await store.SaveAsync(body!.AsObject(), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return SendGridErrors(StatusCodes.Status413PayloadTooLarge, [new(null, ex.Message)]);
        }

        // SendGrid answers 202 with an empty body and the message id in a header.
        context.Response.Headers["X-Message-Id"] = saved.MessageId;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CapturedMailStore store, CancellationToken cancellationToken)
    {
        var mail = await store.ListAsync(cancellationToken: cancellationToken);
        return Page(context, MailCapturePages.List(context.Request.PathBase, mail));
    }

    private static async Task<IResult> ShowAsync(string id, HttpContext context, CapturedMailStore store, CancellationToken cancellationToken)
    {
        var mail = await store.GetAsync(id, cancellationToken);
        return mail is null ? Results.NotFound() : Page(context, MailCapturePages.Show(context.Request.PathBase, mail));
    }

    private static async Task<IResult> PayloadAsync(string id, CapturedMailStore store, CancellationToken cancellationToken)
    {
        var mail = await store.GetAsync(id, cancellationToken);
        return mail is null ? Results.NotFound() : Results.Text(mail.Payload, "application/json");
    }

    private static async Task<IResult> AttachmentAsync(string id, int index, CapturedMailStore store, CancellationToken cancellationToken)
    {
        var mail = await store.GetAsync(id, cancellationToken);
        if (mail is null || index < 0 || index >= mail.Attachments.Count)
        {
            return Results.NotFound();
        }

        var attachment = mail.Attachments[index];
        // Always a download, whatever type the sender claimed, so nothing captured runs in this origin.
        var type = MediaTypeHeaderValue.TryParse(attachment.MimeType, out _) ? attachment.MimeType : "application/octet-stream";
        return Results.File(attachment.Content.ToArray(), type, Path.GetFileName(attachment.FileName));
    }

    private static IResult Page(HttpContext context, string html)
    {
        var headers = context.Response.Headers;
        // Captured emails hold live signed links: keep them out of Referer headers and out of any script's reach.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self' about:; base-uri 'none'; form-action 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult SendGridErrors(int status, IReadOnlyList<SendGridPayload.Problem> errors) =>
        Results.Json(new { errors = errors.Select(e => new { message = e.Message, field = e.Field, help = (string?)null }) }, statusCode: status);

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}

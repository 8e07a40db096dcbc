using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using PeerFlow.Domain.Email;

namespace PeerFlow.LocalHost.Dev;

/// <summary>The two plain pages of the mail capture. A developer tool: minimal, but readable with a screen reader.</summary>
internal static class MailCapturePages
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;line-height:1.5;color:#0b0c0c}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #b1b4b6}" +
        "a{color:#1d4f91}dt{font-weight:bold}dd{margin:0 0 .5rem 0}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f2f1;padding:1rem}" +
        "iframe{width:100%;height:40rem;border:1px solid #b1b4b6}";

    public static string List(PathString pathBase, IReadOnlyList<CapturedMailSummary> mail)
    {
        var html = new StringBuilder();
        html.Append("<h1>Captured mail</h1><p>Emails sent to PeerFlow's local SendGrid stand-in, newest first. Development only.</p>");
        if (mail.Count == 0)
        {
            html.Append("<p>Nothing captured yet.</p>");
            return Document("Captured mail", html);
        }

        html.Append(CultureInfo.InvariantCulture, $"<table><caption>{mail.Count} messages</caption><thead><tr>")
            .Append("<th scope=\"col\">Received (UTC)</th><th scope=\"col\">To</th><th scope=\"col\">Subject</th><th scope=\"col\">Template</th><th scope=\"col\">Key</th></tr></thead><tbody>");
        foreach (var item in mail)
        {
            html.Append("<tr><td>").Append(E(Time(item.ReceivedAt))).Append("</td><td>").Append(E(string.Join(", ", item.To)))
                .Append("</td><td><a href=\"").Append(E(pathBase + "/dev/mail/" + Uri.EscapeDataString(item.Id))).Append("\">")
                .Append(E(item.Subject.Length > 0 ? item.Subject : "(no subject)")).Append("</a></td><td>").Append(E(item.Template ?? string.Empty))
                .Append("</td><td>").Append(E(item.IdempotencyKey ?? string.Empty)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        return Document("Captured mail", html);
    }

    public static string Show(PathString pathBase, CapturedMail mail)
    {
        var self = pathBase + "/dev/mail/" + Uri.EscapeDataString(mail.Summary.Id);
        var html = new StringBuilder();
        html.Append("<p><a href=\"").Append(E(pathBase + "/dev/mail")).Append("\">All captured mail</a></p>")
            .Append("<h1>").Append(E(mail.Summary.Subject)).Append("</h1><dl>");
        Field(html, "From", mail.From);
        Field(html, "To", string.Join(", ", mail.Summary.To));
        Field(html, "Received (UTC)", Time(mail.Summary.ReceivedAt));
        Field(html, "Message id", mail.Summary.MessageId);
        foreach (var (key, value) in mail.CustomArgs)
        {
            Field(html, "custom_args." + key, value);
        }

        html.Append("</dl><p><a href=\"").Append(E(self + "/payload")).Append("\">SendGrid JSON</a></p>");
        if (mail.Html is not null)
        {
            // sandbox="" runs no scripts and gives the email an origin of its own.
            html.Append("<h2>HTML</h2><iframe sandbox=\"\" title=\"HTML body of the email\" srcdoc=\"").Append(E(mail.Html)).Append("\"></iframe>");
        }

        if (mail.Text is not null)
        {
            html.Append("<h2>Plain text</h2><pre>").Append(E(mail.Text)).Append("</pre>");
        }

        html.Append("<h2>Attachments</h2>");
        if (mail.Attachments.Count == 0)
        {
            html.Append("<p>None.</p>");
        }
        else
        {
            html.Append("<ul>");
            for (var i = 0; i < mail.Attachments.Count; i++)
            {
                var attachment = mail.Attachments[i];
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(self + "/attachments/" + i.ToString(CultureInfo.InvariantCulture))}\">{E(attachment.FileName)}</a> ({E(attachment.MimeType)}, {attachment.Content.Length} bytes)</li>");
            }

            html.Append("</ul>");
        }

        return Document(mail.Summary.Subject, html);
    }

    private static void Field(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string Document(string title, StringBuilder main) =>
        $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)} – PeerFlow mail capture</title><style>{Style}</style></head><body><main>{main}</main></body></html>";

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using PeerFlow.LocalHost.Dev;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>The mail capture over HTTP, as SendGrid's client and a developer's browser see it.</summary>
public sealed class MailCaptureEndpointsTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private CaptureServer server = null!;

    public async Task InitializeAsync() => server = await CaptureServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task It_answers_like_SendGrid_202_with_a_message_id()
    {
        var response = await Http.PostAsJsonAsync(server.BaseUrl + "/v3/mail/send", Payload());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var messageId = Assert.Single(response.Headers.GetValues("X-Message-Id"));
        Assert.Equal(messageId, Assert.Single(await server.Store.ListAsync()).MessageId);
    }

    [Theory]
    [InlineData("personalizations")]
    [InlineData("from")]
    [InlineData("subject")]
    [InlineData("content")]
    public async Task A_payload_without_a_required_part_is_refused_with_SendGrid_style_errors(string missing)
    {
        var payload = Payload();
        payload.Remove(missing);

        var response = await Http.PostAsJsonAsync(server.BaseUrl + "/v3/mail/send", payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Contains(errors, e => ((string?)e!["field"] ?? string.Empty).StartsWith(missing, StringComparison.Ordinal));
        Assert.Empty(await server.Store.ListAsync());
    }

    [Fact]
    public async Task Invalid_json_is_refused()
    {
        var response = await Http.PostAsync(server.BaseUrl + "/v3/mail/send", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_pages_list_show_and_offer_the_attachments_newest_first()
    {
        await Http.PostAsJsonAsync(server.BaseUrl + "/v3/mail/send", Payload("Older"));
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await Http.PostAsJsonAsync(server.BaseUrl + "/v3/mail/send", Payload("Newer <b>bold</b>"));
        var newest = (await server.Store.ListAsync())[0];

        var list = await Http.GetAsync(server.BaseUrl + "/dev/mail");
        var listHtml = await list.Content.ReadAsStringAsync();
        var show = await Http.GetStringAsync(server.BaseUrl + "/dev/mail/" + newest.Id);
        var attachment = await Http.GetAsync(server.BaseUrl + "/dev/mail/" + newest.Id + "/attachments/0");

        Assert.Equal("Newer <b>bold</b>", newest.Subject);
        Assert.True(listHtml.IndexOf("Newer", StringComparison.Ordinal) < listHtml.IndexOf("Older", StringComparison.Ordinal));
        Assert.Contains("Newer &lt;b&gt;bold&lt;/b&gt;", listHtml, StringComparison.Ordinal);
        Assert.Contains("no-referrer", list.Headers.GetValues("Referrer-Policy"));
        Assert.Contains("<iframe sandbox=\"\"", show, StringComparison.Ordinal);
        Assert.Contains("srcdoc=\"&lt;p&gt;Hello&lt;/p&gt;\"", show, StringComparison.Ordinal);
        Assert.Contains("<pre>Hello</pre>", show, StringComparison.Ordinal);
        Assert.Contains("custom_args.peerflow_key", show, StringComparison.Ordinal);
        Assert.Equal("attachment", attachment.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("BEGIN:VCALENDAR", await attachment.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(server.BaseUrl + "/dev/mail/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(server.BaseUrl + "/dev/mail/" + newest.Id + "/attachments/1")).StatusCode);
    }

    private static JsonObject Payload(string subject = "Hello") => new()
    {
        ["personalizations"] = new JsonArray(new JsonObject
        {
            ["to"] = new JsonArray(new JsonObject { ["email"] = "jo@northshire.example", ["name"] = "Jo" }),
            ["custom_args"] = new JsonObject { [SendGridCustomArgs.IdempotencyKey] = "k-1", [SendGridCustomArgs.Template] = "assessment-overdue" },
        }),
        ["from"] = new JsonObject { ["email"] = "noreply@peerflow.local", ["name"] = "PeerFlow" },
        ["subject"] = subject,
        ["content"] = new JsonArray(
            new JsonObject { ["type"] = "text/plain", ["value"] = "Hello" },
            new JsonObject { ["type"] = "text/html", ["value"] = "<p>Hello</p>" }),
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["filename"] = "invite.ics",
            ["type"] = "text/calendar",
            ["content"] = Convert.ToBase64String("BEGIN:VCALENDAR"u8.ToArray()),
        }),
    };
}

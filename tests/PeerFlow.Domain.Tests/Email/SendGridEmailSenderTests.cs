using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>Sending through the real SendGrid client to PeerFlow's mail capture, on Azurite.</summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private CaptureServer server = null!;

    public async Task InitializeAsync() => server = await CaptureServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_sent_email_reaches_the_capture_with_recipient_subject_key_and_calendar_invite()
    {
        var start = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var invite = CheckInInvite.Create("ci-7", start, start.AddMinutes(30), "noreply@peerflow.local", start);
        var email = new OutgoingEmail("alex@mentors.example", "Alex", EmailTemplateNames.CheckInReminder, SampleModels.All[EmailTemplateNames.CheckInReminder], [invite]);

        var result = await server.Sender().SendAsync(email, "ref-1/checkin-7/reminder", CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        var summary = Assert.Single(await server.Store.ListAsync());
        Assert.Equal(result.MessageId, summary.MessageId);
        Assert.Equal(["alex@mentors.example"], summary.To);
        Assert.Equal(EmailTemplates.Render(email.Template, email.Model).Subject, summary.Subject);
        Assert.Equal(EmailTemplateNames.CheckInReminder, summary.Template);
        Assert.Equal("ref-1/checkin-7/reminder", summary.IdempotencyKey);

        var mail = (await server.Store.GetAsync(summary.Id))!;
        Assert.Equal("PeerFlow <noreply@peerflow.local>", mail.From);
        Assert.Equal("ref-1/checkin-7/reminder", mail.CustomArgs[SendGridCustomArgs.IdempotencyKey]);
        Assert.Contains("Log a check-in", mail.Html, StringComparison.Ordinal);
        Assert.Contains(SampleModels.Url, mail.Text, StringComparison.Ordinal);
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal(("peerflow-check-in.ics", "text/calendar"), (attachment.FileName, attachment.MimeType));
        Assert.Contains("UID:checkin-ci-7@peerflow", Encoding.UTF8.GetString(attachment.Content.Span), StringComparison.Ordinal);
        Assert.Contains("\"click_tracking\":{\"enable\":false", mail.Payload, StringComparison.Ordinal);

        var record = (await server.Log.GetAsync("ref-1/checkin-7/reminder", CancellationToken.None))!;
        Assert.Equal((EmailSendState.Sent, result.MessageId, 1), (record.State, record.MessageId, record.Attempts));
    }

    [Fact]
    public async Task The_same_key_twice_sends_once()
    {
        var sender = server.Sender();
        var email = Email();

        var first = await sender.SendAsync(email, "key-twice", CancellationToken.None);
        var second = await sender.SendAsync(email, "key-twice", CancellationToken.None);
        await server.Sender().SendAsync(email, "another-key", CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, first.Status);
        Assert.Equal(EmailSendStatus.AlreadySent, second.Status);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Single(await server.Store.ListAsync(), m => m.IdempotencyKey == "key-twice");
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Racing_attempts_with_one_key_send_once()
    {
        var email = Email();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await server.Sender().SendAsync(email, "raced", CancellationToken.None)).Status.ToString();
            }
            catch (EmailSendInProgressException)
            {
                return "in progress";
            }
        }));

        Assert.Single(results, r => r == nameof(EmailSendStatus.Sent));
        Assert.Single(await server.Store.ListAsync());
    }

    [Fact]
    public async Task SendGrid_500_throws_and_the_retry_sends_once()
    {
        var sender = server.Sender();
        server.FailNext(500);

        var ex = await Assert.ThrowsAsync<SendGridRequestException>(() => sender.SendAsync(Email(), "flaky", CancellationToken.None));
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Empty(await server.Store.ListAsync());
        Assert.Equal(EmailSendState.Failed, (await server.Log.GetAsync("flaky", CancellationToken.None))!.State);

        Assert.Equal(EmailSendStatus.Sent, (await sender.SendAsync(Email(), "flaky", CancellationToken.None)).Status);
        Assert.Equal(EmailSendStatus.AlreadySent, (await sender.SendAsync(Email(), "flaky", CancellationToken.None)).Status);
        Assert.Single(await server.Store.ListAsync());
        Assert.Equal(2, (await server.Log.GetAsync("flaky", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task SendGrid_429_throws_with_the_wait_from_its_rate_limit_headers()
    {
        var reset = server.Time.GetUtcNow().AddSeconds(90).ToUnixTimeSeconds();
        server.FailNext(429, ("X-RateLimit-Limit", "600"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        server.FailNext(429, ("Retry-After", "12"));

        var fromReset = await Assert.ThrowsAsync<SendGridRateLimitedException>(() => server.Sender().SendAsync(Email(), "busy", CancellationToken.None));
        var fromRetryAfter = await Assert.ThrowsAsync<SendGridRateLimitedException>(() => server.Sender().SendAsync(Email(), "busy", CancellationToken.None));

        Assert.InRange(fromReset.RetryAfter!.Value, TimeSpan.FromSeconds(89), TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(12), fromRetryAfter.RetryAfter);
        Assert.Equal(EmailSendStatus.Sent, (await server.Sender().SendAsync(Email(), "busy", CancellationToken.None)).Status);
        Assert.Single(await server.Store.ListAsync());
    }

    [Fact]
    public async Task A_connection_that_never_opened_is_retried()
    {
        var closedPort = ClosedPort();

        await Assert.ThrowsAsync<HttpRequestException>(() => server.Sender(host: $"http://127.0.0.1:{closedPort}").SendAsync(Email(), "offline", CancellationToken.None));

        Assert.Equal(EmailSendState.Failed, (await server.Log.GetAsync("offline", CancellationToken.None))!.State);
        Assert.Equal(EmailSendStatus.Sent, (await server.Sender().SendAsync(Email(), "offline", CancellationToken.None)).Status);
    }

    /// <summary>The duplicate-send decision: an attempt that may have reached SendGrid is never repeated.</summary>
    [Fact]
    public async Task A_request_that_timed_out_is_unknown_and_never_sent_again()
    {
        server.StallNext();

        var result = await server.Sender(timeout: TimeSpan.FromSeconds(1)).SendAsync(Email(), "stalled", CancellationToken.None);
        var retry = await server.Sender().SendAsync(Email(), "stalled", CancellationToken.None);

        Assert.Equal(EmailSendStatus.Unknown, result.Status);
        Assert.Equal(EmailSendStatus.Unknown, retry.Status);
        Assert.Equal(1, server.Requests);
        Assert.Single(await server.Log.ListUnknownAsync(CancellationToken.None), r => r.IdempotencyKey == "stalled");

        // An operator who checked SendGrid's activity feed may release it, once.
        Assert.True(await server.Log.AllowResendAsync("stalled", CancellationToken.None));
        Assert.Equal(EmailSendStatus.Sent, (await server.Sender().SendAsync(Email(), "stalled", CancellationToken.None)).Status);
        Assert.False(await server.Log.AllowResendAsync("stalled", CancellationToken.None));
    }

    [Fact]
    public async Task An_attempt_that_died_mid_way_blocks_retries_for_the_lease_then_becomes_unknown()
    {
        var email = Email();
        // What a worker that crashed right after recording the send leaves behind.
        var claim = await server.Log.ClaimAsync("crashed", email.Template, email.ToAddress, null, CancellationToken.None);
        Assert.Equal(SendClaimOutcome.Claimed, claim.Outcome);

        await Assert.ThrowsAsync<EmailSendInProgressException>(() => server.Sender().SendAsync(email, "crashed", CancellationToken.None));
        server.Time.Advance(EmailSendLog.Lease + TimeSpan.FromSeconds(1));
        var result = await server.Sender().SendAsync(email, "crashed", CancellationToken.None);

        Assert.Equal(EmailSendStatus.Unknown, result.Status);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_key_reused_for_another_recipient_is_a_bug_and_fails()
    {
        await server.Sender().SendAsync(Email(), "reused", CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Sender().SendAsync(Email() with { ToAddress = "someone.else@example.org" }, "reused", CancellationToken.None));
        Assert.Single(await server.Store.ListAsync());
    }

    [Fact]
    public async Task A_template_error_sends_nothing_and_records_nothing()
    {
        var broken = Email() with { Model = new { RecipientFirstName = "Jo" } };

        await Assert.ThrowsAsync<EmailTemplateException>(() => server.Sender().SendAsync(broken, "broken", CancellationToken.None));

        Assert.Null(await server.Log.GetAsync("broken", CancellationToken.None));
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task The_record_keeps_no_body_and_no_address()
    {
        await server.Sender().SendAsync(Email(), "minimal", CancellationToken.None);

        var table = TestStorage.Tables.GetTableClient(server.Prefix + "EmailSends");
        var row = Assert.Single(await table.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync());
        var values = string.Join("|", row.Select(column => column.Value));
        Assert.DoesNotContain("jo@", values, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Jo", values, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleModels.Url, values, StringComparison.Ordinal);
        Assert.Equal(server.Log.HashRecipient("JO@Northshire.example "), row.GetString("RecipientHash"));
    }

    [Fact]
    public async Task The_app_wiring_sends_to_the_host_in_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PEERFLOW_SENDGRID_HOST"] = server.BaseUrl,
            ["PEERFLOW_MAIL_FROM"] = "coordinators@northshire.example",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(server.Time);
        services.AddPeerFlowEmail(configuration, TestStorage.Tables, TestStorage.Blobs, server.Prefix, RecipientHashKey.Development);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEmailSender>().SendAsync(Email(), "wired", CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.Equal("PeerFlow <coordinators@northshire.example>", (await server.Store.GetAsync((await server.Store.ListAsync()).Single().Id))!.From);
    }

    [Fact]
    public void Without_an_api_key_sending_to_SendGrid_itself_fails_clearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => server.Sender(host: EmailOptions.DefaultHost));

        Assert.Contains("PEERFLOW_SENDGRID_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    private static OutgoingEmail Email() =>
        new("jo@northshire.example", "Jo", EmailTemplateNames.AssessmentOverdue, SampleModels.All[EmailTemplateNames.AssessmentOverdue]);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

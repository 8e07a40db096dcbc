using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Links;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>The monthly report schedule under virtual time: on the first at 09:00 London, once per recipient, every month.</summary>
public class MonthlyReportScheduleTests
{
    [Fact]
    public async Task ManagersAndReportRecipientsAreToldOnTheFirst_EachMonth_OnceEach()
    {
        var connection = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
            ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");
        var store = new PeerFlowStore(new TableServiceClient(connection), "m" + Guid.NewGuid().ToString("N")[..10]);
        await store.EnsureCreatedAsync(CancellationToken.None);
        var sent = new RecordingEmail();
        await using var host = await WorkflowTestHost.StartAsync(
            r => r.AddMonthlyReports(),
            services =>
            {
                services.AddSingleton(store);
                services.AddSingleton<SchemeCatalog>();
                services.AddSingleton<IEmailSender>(sent);
                services.AddSingleton(RecipientHashKey.Development);
                services.AddSingleton(new PublicUrls(new Uri("https://peerflow.example.org/")));
                services.AddSingleton<PeerFlow.Orchestrations.Activities.IMonthlyReportContent>(new FixedReport());
            },
            new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        sent.Clock = host.Clock;
        await host.Services.GetRequiredService<SchemeCatalog>().LoadAsync(new Organisation
        {
            Name = "Test County Council",
            Schemes =
            [
                new Scheme
                {
                    Id = "fostering",
                    Name = "Foster Carer Mentoring",
                    Coordinator = new StaffContact("Jo Coordinator", "jo@example.org"),
                    Manager = new StaffContact("Sam Manager", "sam@example.org"),
                    ReportRecipients = ["sam@example.org", "board@example.org"],
                    Policy = new SchemePolicy(),
                },
            ],
        }, CancellationToken.None);

        await host.StartAsync(MonthlyReportSchedule.Name, null, MonthlyReportSchedule.InstanceId);
        await host.AdvanceToAsync(new DateTimeOffset(2026, 12, 1, 8, 59, 0, TimeSpan.Zero));
        Assert.Empty(sent.Emails);

        await host.AdvanceToAsync(new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero));

        var emails = sent.Emails.OrderBy(e => LifecycleHarness.Minute(e.At)).ThenBy(e => e.Email.ToAddress, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                ("2026-12-01T09:00", "board@example.org"), ("2026-12-01T09:00", "sam@example.org"),
                ("2027-01-01T09:00", "board@example.org"), ("2027-01-01T09:00", "sam@example.org"),
            ],
            emails.Select(e => (LifecycleHarness.Minute(e.At).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), e.Email.ToAddress)));
        var first = Assert.IsType<MonthlyReportModel>(emails[1].Email.Model);
        Assert.Equal(new DateOnly(2026, 11, 1), first.Month);
        Assert.Equal("Sam", first.RecipientFirstName);
        Assert.Equal("https://peerflow.example.org/reports/2026-11?scheme=fostering", first.ReportUrl);
        Assert.Equal(EmailTemplateNames.MonthlyReport, emails[1].Email.Template);
        // The month's own figures and workbook, asked for by the month's first day and the scheme.
        Assert.Equal([new HeadlineFigure("Referrals received", "2026-11-01 fostering", "+1")], first.Figures);
        var workbook = Assert.Single(emails[1].Email.Attachments);
        Assert.Equal(("fostering-report-2026-11.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "2026-11-01"),
            (workbook.FileName, workbook.MimeType, System.Text.Encoding.UTF8.GetString(workbook.Content.Span)));
        Assert.Equal("2026-12-01", System.Text.Encoding.UTF8.GetString(Assert.Single(emails[3].Email.Attachments).Content.Span));
        Assert.Equal("", Assert.IsType<MonthlyReportModel>(emails[0].Email.Model).RecipientFirstName);
        Assert.Equal(4, emails.Select(e => e.Key).Distinct().Count());
        // Keys are logged by the sender: no address in them.
        Assert.All(emails, e => Assert.DoesNotContain("@", e.Key, StringComparison.Ordinal));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStatusAsync(MonthlyReportSchedule.InstanceId)).RuntimeStatus);
    }

    /// <summary>Says in its figure and its workbook which month and scheme it was asked for.</summary>
    private sealed class FixedReport : PeerFlow.Orchestrations.Activities.IMonthlyReportContent
    {
        public Task<PeerFlow.Orchestrations.Activities.MonthlyReportContent> ForSchemeAsync(DateOnly month, string schemeId, CancellationToken cancellationToken) =>
            Task.FromResult(new PeerFlow.Orchestrations.Activities.MonthlyReportContent(
                [new HeadlineFigure("Referrals received", month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " " + schemeId, "+1")],
                System.Text.Encoding.UTF8.GetBytes(month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    private sealed class RecordingEmail : IEmailSender
    {
        private readonly ConcurrentQueue<(DateTime At, OutgoingEmail Email, string Key)> emails = new();

        public TimeProvider? Clock { get; set; }

        public IReadOnlyList<(DateTime At, OutgoingEmail Email, string Key)> Emails => [.. emails];

        public Task<EmailSendResult> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken)
        {
            emails.Enqueue((Clock!.GetUtcNow().UtcDateTime, email, idempotencyKey));
            return Task.FromResult(new EmailSendResult(EmailSendStatus.Sent, null));
        }
    }
}

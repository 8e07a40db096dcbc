using System.Globalization;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Schemes;
using Microsoft.DurableTask;
using PeerFlow.Domain.Links;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Tells each scheme's manager, and anyone else on its report list, that the month's evaluation is ready. The email
/// carries the headline counts with the change from the month before, the report as an Excel workbook, and a link to
/// the report page, behind sign-in: aggregated counts only, nobody's details. Keyed per scheme and recipient, so a
/// retry sends nothing twice (the recipient in the key is a keyed hash, since keys are logged). The figures are computed here, in the activity, so they never enter workflow history.
/// </summary>
public sealed class SendMonthlyReports(SchemeCatalog schemes, IEmailSender email, PublicUrls urls, IMonthlyReportContent reports, RecipientHashKey hashKey) : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var scheme in await schemes.ListAsync(CancellationToken.None))
        {
            var recipients = new List<StaffContact> { scheme.Manager };
            recipients.AddRange(scheme.ReportRecipients
                .Where(r => !string.Equals(r, scheme.Manager.Email, StringComparison.OrdinalIgnoreCase))
                .Select(r => new StaffContact(r, r)));
            var content = await reports.ForSchemeAsync(first, scheme.Id, CancellationToken.None);
            EmailAttachment[] workbook = content.Workbook is { } bytes
                ? [new EmailAttachment($"{scheme.Id}-report-{month}.xlsx", MonthlyReportContent.WorkbookType, bytes)]
                : [];
            foreach (var recipient in recipients)
            {
                var model = new MonthlyReportModel(FirstName(recipient), scheme.Name, first, urls.Report(month, scheme.Id), content.Figures);
                await email.SendAsync(
                    new OutgoingEmail(recipient.Email, recipient.Name, EmailTemplateNames.MonthlyReport, model, workbook),
                    // The recipient by keyed hash: idempotency keys are logged, and an address must never be.
                    $"monthly-report:{month}:{scheme.Id}:{hashKey.Hash(recipient.Email)[..24]}",
                    CancellationToken.None);
                sent++;
            }
        }

        return sent;
    }

    // A report list holds addresses only; their greeting is "Hello," rather than a guess at a name.
    private static string FirstName(StaffContact contact) =>
        contact.Name == contact.Email ? "" : Domain.Text.PersonNames.First(contact.Name);
}

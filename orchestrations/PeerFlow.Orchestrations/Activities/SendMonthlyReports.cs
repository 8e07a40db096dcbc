using System.Globalization;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Schemes;
using Microsoft.DurableTask;
using PeerFlow.Orchestrations.Notices;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Tells each scheme's manager, and anyone else on its report list, that the month's evaluation is ready. The email
/// carries a link to the report page, behind sign-in, never the figures. Keyed per scheme and recipient, so a retry
/// sends nothing twice.
/// </summary>
public sealed class SendMonthlyReports(SchemeCatalog schemes, IEmailSender email, PublicUrls urls) : TaskActivity<string, int>
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
            foreach (var recipient in recipients)
            {
                var model = new MonthlyReportModel(FirstName(recipient), scheme.Name, first, urls.Report(month, scheme.Id));
                await email.SendAsync(
                    new OutgoingEmail(recipient.Email, recipient.Name, EmailTemplateNames.MonthlyReport, model),
                    $"monthly-report:{month}:{scheme.Id}:{recipient.Email.ToLowerInvariant()}",
                    CancellationToken.None);
                sent++;
            }
        }

        return sent;
    }

    // A report list holds addresses only; their greeting is "Hello," rather than a guess at a name.
    private static string FirstName(StaffContact contact) =>
        contact.Name == contact.Email ? "" : contact.Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}

using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Mentors;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Text;
using PeerFlow.Domain.Links;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Tells each scheme's coordinator about the mentors whose DBS check or training runs out in 30 days or has run out
/// today (<see cref="MentorCompliance.AlertsDue"/>). Each telling is keyed by mentor, check, date and stage, so it goes
/// once however often the day's run is retried. A telling that cannot be sent is left for the next day's run, which
/// finds it due again: the mentor's page and the dashboard show the check meanwhile, so nothing waits on the email.
/// Mentors' names travel only in the email, never in workflow history or logs.
/// </summary>
public sealed partial class AlertMentorChecks(PeerFlowStore store, SchemeCatalog schemes, IEmailSender email, PublicUrls urls, ILogger<AlertMentorChecks> logger)
    : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string day)
    {
        var today = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var scheme in await schemes.ListAsync(CancellationToken.None))
        {
            var mentors = await store.Mentors.QueryAsync($"PartitionKey eq {"mentor"} and SchemeId eq {scheme.Id}", CancellationToken.None);
            foreach (var mentor in mentors.Select(m => m.Value))
            {
                foreach (var alert in MentorCompliance.AlertsDue(mentor, today))
                {
                    var model = new MentorCheckModel(
                        PersonNames.First(scheme.Coordinator.Name),
                        mentor.Name,
                        scheme.Name,
                        alert.Check == ComplianceCheck.Dbs ? "DBS check" : "training",
                        alert.Expires,
                        alert.Lapsed,
                        mentor.ActiveMatches,
                        urls.Mentor(mentor.Id));
                    try
                    {
                        var result = await email.SendAsync(
                            new OutgoingEmail(scheme.Coordinator.Email, scheme.Coordinator.Name, EmailTemplateNames.MentorCheck, model),
                            $"mentor-check:{mentor.Id}:{alert.Key}",
                            CancellationToken.None);
                        sent += result.Status == EmailSendStatus.Sent ? 1 : 0;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException and not Azure.RequestFailedException)
                    {
                        LogNotSent(logger, mentor.Id, alert.Key, ex);
                    }
                }
            }
        }

        return sent;
    }

    [LoggerMessage(LogLevel.Warning, "The alert about mentor {MentorId}'s check ({Alert}) could not be sent; tomorrow's run tries again.")]
    private static partial void LogNotSent(ILogger logger, string mentorId, string alert, Exception exception);
}

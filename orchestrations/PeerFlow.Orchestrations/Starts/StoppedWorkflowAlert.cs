using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Workflow;
using PeerFlow.Domain.Links;

namespace PeerFlow.Orchestrations.Starts;

/// <summary>
/// Emails the scheme's manager, once per stop, that a referral's workflow has stopped and who can restart it. Never
/// throws: the dashboard and the logged alert show the stop whatever the email provider does.
/// </summary>
public sealed partial class StoppedWorkflowAlert(SchemeCatalog schemes, IEmailSender email, PublicUrls urls, ILogger<StoppedWorkflowAlert> logger)
{
    public async Task TellAsync(StoppedWorkflow stopped, CancellationToken cancellationToken)
    {
        try
        {
            if (await schemes.GetAsync(stopped.SchemeId, cancellationToken) is not { } scheme)
            {
                return;
            }

            var manager = scheme.Manager;
            var first = manager.Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? manager.Name;
            var model = new MatchUpdateModel(
                first, stopped.Reference, scheme.Name, $"The workflow of {stopped.Reference} has stopped",
                $"The workflow of {stopped.Reference} has stopped ({stopped.Status.ToLowerInvariant()}): nothing will be reminded, alerted or escalated for it. Open the referral and restart the workflow; it restarts from the records at the referral's current stage and sends nothing again that was sent.",
                urls.Referral(stopped.ReferralId));
            await email.SendAsync(
                new OutgoingEmail(manager.Email, manager.Name, EmailTemplateNames.MatchUpdate, model) { ReferralId = stopped.ReferralId },
                $"{stopped.ReferralId}:workflow-stopped:{stopped.StoppedAt.Ticks}", cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotTold(ex, stopped.ReferralId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The manager could not be emailed that the workflow of {ReferralId} stopped; it shows on the dashboard.")]
    private partial void LogNotTold(Exception exception, string referralId);
}

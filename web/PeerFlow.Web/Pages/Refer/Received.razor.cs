using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>
/// The acknowledgement after a referral is sent. Whoever holds the address sees the reference, the scheme and what
/// happens next, never anything about the person: the address can end up in browser history on a shared computer.
/// </summary>
public sealed partial class Received
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReferReceivedPage", "GET", "/refer/received/{id}", GetAsync, Audience.Public),
    ];

    private static async Task<IResult> GetAsync(
        string id, string? t, HttpContext http, PeerFlowStore store, SchemeCatalog schemes, ReceivedLinks links, PageRenderer pages, CancellationToken cancellationToken)
    {
        var referral = IsId(id) && links.Opens(id, t) ? (await store.Referrals.GetAsync(id, "", cancellationToken))?.Value : null;
        if (referral is null)
        {
            return await pages.RenderAsync<Received>(http, statusCode: StatusCodes.Status404NotFound);
        }

        var policy = (await schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, cancellationToken))?.Policy;
        return await pages.RenderAsync<Received>(http, new Dictionary<string, object?>
        {
            [nameof(Referral)] = referral,
            [nameof(SchemeName)] = (await schemes.GetAsync(referral.SchemeId, cancellationToken))?.Name,
            [nameof(ContactWithinWorkingDays)] = policy is null ? null : referral.Urgent ? policy.UrgentAssessmentDeadlineWorkingDays : policy.AssessmentDeadlineWorkingDays,
        });
    }

    // Table keys may not hold every character a URL can; anything unlike an id is simply not found.
    private static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

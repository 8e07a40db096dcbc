using Microsoft.AspNetCore.Components;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>The staff referral list, <c>/referrals</c>: filters by scheme and stage, and the two presets.</summary>
public sealed partial class ReferralList
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReferralListPage", "GET", "/referrals", GetAsync, Audience.Staff),
    ];

    [Parameter, EditorRequired] public ReferralListView Model { get; set; } = default!;

    /// <summary>The reference of a referral just erased, from the erasure's redirect.</summary>
    [Parameter] public string? Erased { get; set; }

    private static string? Selected(bool selected) => selected ? "selected" : null;

    private static async Task<IResult> GetAsync(string? scheme, string? stage, string? view, string? continuation, string? erased, HttpContext http, ApiServices services, Actions.ReferralListing listing, SignIn.SchemeAccess access, PageRenderer pages, CancellationToken cancellationToken)
    {
        var model = await ReferralListView.LoadAsync(services, listing, access, scheme, stage, view, continuation, cancellationToken);
        return await pages.RenderAsync<ReferralList>(http, new Dictionary<string, object?> { [nameof(Model)] = model, [nameof(Erased)] = erased });
    }
}

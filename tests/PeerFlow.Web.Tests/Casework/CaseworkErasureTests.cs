using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>Erasure removes the new kinds of record: search index rows, same-person links (both ways), the contact log.</summary>
public class CaseworkErasureTests
{
    [Fact]
    public async Task ErasingAReferral_RemovesItsSearchEntries_ItsLinksBothWays_AndItsContactLog()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var kept = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", "07700 900123", "EX4");
        var erased = await ReferAsync(http, PeerLink, "Tom Okafor", "tom.okafor@example.com", "07700 900123", "EX4");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/referrals/{erased.Id}/contacts", Json(new JsonObject { ["kind"] = "phone", ["note"] = "Asked for the referral to be deleted." }))).StatusCode);
        Assert.Equal([erased.Id, kept.Id], await FoundAsync(http, "okafor"));
        Assert.NotEmpty(await app.Store.PersonLinks.PartitionAsync(kept.Id, default));

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/referrals/{erased.Id}?confirm={erased.Reference}")).StatusCode);

        Assert.Equal([kept.Id], await FoundAsync(http, "okafor"));
        Assert.Empty(await app.Store.PeopleIndex.Table.QueryAsync($"RowKey eq {erased.Id}", default)); // a scan, in a test only
        Assert.NotEmpty(await app.Store.PeopleIndex.Table.QueryAsync($"RowKey eq {kept.Id}", default));
        Assert.Empty(await app.Store.PersonLinks.PartitionAsync(erased.Id, default));
        Assert.Empty(await app.Store.PersonLinks.PartitionAsync(kept.Id, default));
        Assert.Empty(await app.Store.CaseNotes.PartitionAsync(erased.Id, default));
        Assert.DoesNotContain("Possibly the same person", await GetHtmlAsync(http, $"/referrals/{kept.Id}"), StringComparison.Ordinal);
    }
}

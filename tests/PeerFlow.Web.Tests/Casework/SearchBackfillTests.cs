using PeerFlow.Domain.People;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>
/// People referred before the search index existed (an upgraded deployment) are found too: the sweeper fills the index
/// in once per store, and then never scans again.
/// </summary>
public class SearchBackfillTests
{
    [Fact]
    public async Task APersonStoredBeforeTheIndex_IsFoundAfterTheBackfill_WhichRunsOnce()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        // As a referral from before this release: its person is stored, its index rows are not, nor is the marker.
        var person = (await app.Store.People.GetAsync(tom.Id, nameof(PersonRole.Mentee), default))!.Value;
        await app.Store.PeopleIndex.RemoveAsync(Fostering, person, default);
        await app.Store.PeopleIndex.Table.DeleteAsync(PeerFlow.Domain.People.PeopleIndex.MarkerPartition, "", default);
        Assert.Empty(await FoundAsync(http, "Tom Okafor"));

        var upgraded = new PeopleIndex(app.Store.PeopleIndex.Table, app.Store.People);
        Assert.Equal(1, await upgraded.BackfillOnceAsync(app.Store.Referrals, default));

        Assert.Equal([tom.Id], await FoundAsync(http, "Tom Okafor"));
        Assert.Equal(0, await upgraded.BackfillOnceAsync(app.Store.Referrals, default));
        Assert.Equal(0, await new PeopleIndex(app.Store.PeopleIndex.Table, app.Store.People).BackfillOnceAsync(app.Store.Referrals, default));
    }
}

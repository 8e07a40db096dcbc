using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Tests.Api;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// Issue 20: open work follows the writes of the referral records (in, changed, closed, erased), a stale copy never
/// overwrites a newer one, and the rebuild restores it from the records.
/// </summary>
public sealed class OpenWorkTests
{
    private const string Fostering = "foster-mentoring";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Open_Work_Follows_Every_Write_And_Closed_Referrals_Leave_It()
    {
        await using var app = new ApiApp();
        var store = app.Store;
        var referral = new Referral { Id = "rw1", Reference = "FCM-2026-9001", SchemeId = Fostering, PolicyVersion = 1, ReceivedAt = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc) };
        Assert.True(await store.Referrals.TryInsertAsync(referral.Id, "", referral, MatchProposals.ReferralColumns(referral), None));
        Assert.Equal(ReferralStage.Assessment, Assert.Single(await store.OpenWork.OfSchemeAsync(Fostering, None)).Stage);
        Assert.Equal("rw1", await store.References.FindAsync("FCM-2026-9001", None));

        await store.Referrals.UpdateAsync("rw1", "", r => r with { Stage = ReferralStage.Active }, MatchProposals.ReferralColumns, None);
        Assert.Equal(ReferralStage.Active, Assert.Single(await store.OpenWork.OfSchemeAsync(Fostering, None)).Stage);

        // A writer that finishes late, with what it read before, cannot put the older stage back: the copy is of the record as stored.
        await store.OpenWork.WrittenAsync(referral, None);
        Assert.Equal(ReferralStage.Active, Assert.Single(await store.OpenWork.OfSchemeAsync(Fostering, None)).Stage);

        await store.Referrals.UpdateAsync("rw1", "", r => r with { Stage = ReferralStage.Closed, ClosedAt = r.ReceivedAt.AddDays(30), OpenConcerns = 1 }, MatchProposals.ReferralColumns, None);
        Assert.Single(await store.OpenWork.OfSchemeAsync(Fostering, None)); // a concern still open keeps it on the dashboard
        await store.Referrals.UpdateAsync("rw1", "", r => r with { OpenConcerns = 0 }, MatchProposals.ReferralColumns, None);
        Assert.Empty(await store.OpenWork.OfSchemeAsync(Fostering, None));
        Assert.Equal("rw1", Assert.Single((await store.OpenWork.ClosedPageAsync(Fostering, 10, null, None)).Rows).Value.Id);

        await store.Referrals.DeleteAsync("rw1", "", None);
        Assert.Empty((await store.OpenWork.ClosedPageAsync(Fostering, 10, null, None)).Rows);
        Assert.Null(await store.References.FindAsync("FCM-2026-9001", None));
    }

    [Fact]
    public async Task Rebuild_Restores_Open_Work_From_The_Records_Once()
    {
        // A store of its own: no host's sweeper rebuilds it behind the test's back.
        var tables = new Azure.Data.Tables.TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE"));
        var store = new Domain.Storage.PeerFlowStore(tables, "w" + Guid.NewGuid().ToString("N")[..12]);
        await store.EnsureCreatedAsync(None);
        var open = new Referral { Id = "rb1", Reference = "FCM-2026-9101", SchemeId = Fostering, PolicyVersion = 1, ReceivedAt = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc) };
        Assert.True(await store.Referrals.TryInsertAsync(open.Id, "", open, MatchProposals.ReferralColumns(open), None));

        // As after an upgrade: records without their read models, and a stray copy of a referral that is gone.
        await store.OpenWork.Table.DeleteAsync(Fostering, "rb1", None);
        await store.References.DeletedAsync(open, None);
        await store.OpenWork.Table.UpsertAsync(Fostering, "gone", open with { Id = "gone" }, null, None);

        var fresh = new Domain.Storage.OpenWork(store.OpenWork.Table, store.Referrals.Table);
        Assert.Equal(2, await fresh.RebuildOnceAsync(store.Referrals, store.References, None));
        Assert.Equal(["rb1"], (await store.OpenWork.OfSchemeAsync(Fostering, None)).Select(r => r.Id));
        Assert.Equal("rb1", await store.References.FindAsync("FCM-2026-9101", None));

        // Once per store: the marker row ends it for good, in this host and another.
        Assert.Equal(0, await fresh.RebuildOnceAsync(store.Referrals, store.References, None));
        Assert.Equal(0, await new Domain.Storage.OpenWork(store.OpenWork.Table, store.Referrals.Table).RebuildOnceAsync(store.Referrals, store.References, None));
    }
}

using System.Text.Json;
using Azure.Data.Tables;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using MatchRecord = PeerFlow.Domain.Records.Match;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// Issue 20, item 1 for the report: each referral's figures are filed under every London month from its receipt to its
/// last event by the writes themselves, leave with the referral, are found for a month by its partitions (and open
/// work, for a referral idle longer than the months read), and are rebuilt once from records written before.
/// </summary>
public sealed class ReportMonthsTests
{
    private const string Fostering = "foster-mentoring";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A store of its own: no host's sweeper files or rebuilds behind the test's back.</summary>
    private static async Task<PeerFlowStore> StoreAsync()
    {
        var store = new PeerFlowStore(new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")), "m" + Guid.NewGuid().ToString("N")[..12]);
        await store.EnsureCreatedAsync(None);
        return store;
    }

    [Fact]
    public async Task A_Referral_Is_Filed_Under_Each_Month_From_Receipt_To_Its_Last_Event_And_Leaves_With_It()
    {
        var store = await StoreAsync();
        // Received on 31 August at 23:30 UTC: 1 September in London (BST), so September is its first month.
        var referral = Referral("rm1", "2026-08-31T23:30:00Z") with { AssessedAt = U("2026-09-10T10:00:00Z"), Outcome = AssessmentOutcome.Suitable, Stage = ReferralStage.Matching };
        Assert.True(await store.Referrals.TryInsertAsync(referral.Id, "", referral, MatchProposals.ReferralColumns(referral), None));
        Assert.Equal(["2026-09"], await MonthsHoldingAsync(store, "rm1"));

        var match = new MatchRecord { Id = "m1", ReferralId = "rm1", MentorId = "ma", Status = MatchStatus.Active, ProposedAt = U("2026-10-01T09:00:00Z"), RespondedAt = U("2026-10-02T09:00:00Z") };
        Assert.True(await store.Matches.TryInsertAsync("rm1", "m1", match, MatchProposals.Columns(match), None));
        await store.CheckIns.UpsertAsync("rm1", "c1", new CheckIn { Id = "c1", ReferralId = "rm1", MatchId = "m1", At = U("2026-12-03T09:00:00Z"), Rag = RagStatus.Amber, Notes = "Private words" }, null, None);
        Assert.Equal(["2026-09", "2026-10", "2026-11", "2026-12"], await MonthsHoldingAsync(store, "rm1"));

        // The copies are the report's figures: the match and check-in are there, the notes are not.
        var november = Assert.Single(await store.ReportMonths.Table.PartitionAsync(ReportMonths.Partition(Fostering, new DateOnly(2026, 11, 1)), None)).Value;
        Assert.Equal(RagStatus.Amber, Assert.Single(november.Figures.CheckIns).Rag);
        Assert.Equal("m1", Assert.Single(november.Figures.Matches).Id);
        Assert.DoesNotContain("Private words", JsonSerializer.Serialize(november, Json), StringComparison.Ordinal);

        // The check-in goes (erasure removes children first): December is no longer spanned.
        await store.CheckIns.DeleteAsync("rm1", "c1", None);
        Assert.Equal(["2026-09", "2026-10"], await MonthsHoldingAsync(store, "rm1"));

        await store.Matches.DeleteAsync("rm1", "m1", None);
        await store.Referrals.DeleteAsync("rm1", "", None);
        Assert.Empty(await MonthsHoldingAsync(store, "rm1"));
        Assert.Null(await store.ReportMonths.Table.GetAsync("rm1", "", None));
    }

    [Fact]
    public async Task A_Month_Finds_Its_Referrals_And_One_Open_But_Idle_Since_Before_The_Months_Read()
    {
        var store = await StoreAsync();
        // Waiting since January 2025 with nothing happening: filed under January only, but open at October 2026's end.
        var idle = Referral("idle", "2025-01-10T09:00:00Z");
        var closed = Referral("done", "2025-01-12T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2025-03-01T09:00:00Z") };
        var recent = Referral("recent", "2026-10-05T09:00:00Z");
        var later = Referral("later", "2026-11-05T09:00:00Z");
        foreach (var r in new[] { idle, closed, recent, later })
        {
            Assert.True(await store.Referrals.TryInsertAsync(r.Id, "", r, MatchProposals.ReferralColumns(r), None));
        }

        var october = new DateOnly(2026, 10, 1);
        var months = Enumerable.Range(0, 12).Select(back => october.AddMonths(-back)).ToList();
        var found = await store.ReportMonths.FiguresAsync(Fostering, months, U("2026-10-31T00:00:00Z"), None);
        Assert.Equal(["idle", "recent"], found.Select(f => f.Referral.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rebuild_Files_Records_Written_Before_The_Index_Once()
    {
        var store = await StoreAsync();
        // As after an upgrade: a referral and its check-in written straight to the tables, past the projections.
        var referral = Referral("old", "2026-05-20T09:00:00Z") with { AssessedAt = U("2026-06-02T09:00:00Z"), Outcome = AssessmentOutcome.Suitable };
        await store.Referrals.Table.UpsertEntityAsync(Row("old", "", referral));
        await store.CheckIns.Table.UpsertEntityAsync(Row("old", "c1", new CheckIn { Id = "c1", ReferralId = "old", MatchId = "m", At = U("2026-07-01T09:00:00Z"), Rag = RagStatus.Green }));
        Assert.Empty(await MonthsHoldingAsync(store, "old"));

        Assert.Equal(1, await store.ReportMonths.RebuildOnceAsync(None));
        Assert.Equal(["2026-05", "2026-06", "2026-07"], await MonthsHoldingAsync(store, "old"));

        // Once per store: the marker ends it, in this host and another.
        Assert.Equal(0, await store.ReportMonths.RebuildOnceAsync(None));
        Assert.Equal(0, await new ReportMonths(store.ReportMonths.Table, store).RebuildOnceAsync(None));
    }

    private static async Task<List<string>> MonthsHoldingAsync(PeerFlowStore store, string referralId)
    {
        var months = new List<string>();
        for (var month = new DateOnly(2026, 1, 1); month <= new DateOnly(2027, 3, 1); month = month.AddMonths(1))
        {
            if (await store.ReportMonths.Table.GetAsync(ReportMonths.Partition(Fostering, month), referralId, None) is not null)
            {
                months.Add(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return months;
    }

    private static Referral Referral(string id, string received) =>
        new() { Id = id, Reference = "FCM-2026-" + id, SchemeId = Fostering, PolicyVersion = 1, ReceivedAt = U(received) };

    private static TableEntity Row<T>(string partitionKey, string rowKey, T value) => new(partitionKey, rowKey) { ["Data"] = JsonSerializer.Serialize(value, Json) };

    private static DateTime U(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
}

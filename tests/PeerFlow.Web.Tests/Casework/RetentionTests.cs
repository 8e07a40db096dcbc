using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>
/// The retention run on the records: what has passed its scheme's period is erased by the erasure code, audited as
/// "retention", and an old month's report reads the same afterwards; a run cut short is finished by the next, and a
/// repeated run changes nothing.
/// </summary>
public class RetentionTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ClosedReferralsPastTheirPeriod_AreErased_TheMonthsReportIsUnchanged_AndARepeatChangesNothing()
    {
        await using var app = new ApiApp();
        var now = Now(app);
        var longAgo = new DateTime(now.Year - 3, now.Month, 10, 12, 0, 0, DateTimeKind.Utc); // three closures in one month

        // Written straight to the records, as the demo history is. The first is not in the retention schedule yet:
        // the run's one-off backfill must find it.
        var due = await ClosedAsync(app, "Ada Byron", longAgo, concern: false, scheduled: false);
        var cutShort = await ClosedAsync(app, "Ben Ode", longAgo.AddDays(1), concern: false, scheduled: true);
        var safeguarding = await ClosedAsync(app, "Cal Penn", longAgo.AddDays(2), concern: true, scheduled: true);
        var recent = await ClosedAsync(app, "Dee Rao", now.AddYears(-1), concern: false, scheduled: true);
        var month = Evaluation.MonthOf(longAgo);
        var before = await ReportAsync(app, month);
        Assert.Contains("\"closed\":3", before, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<ReferralRecords>();
        var dueScope = await records.ScopeAsync(due, default);
        var cutShortScope = await records.ScopeAsync(cutShort, default);

        // A run that died part-way through one referral: its figures kept, half its records gone, nothing audited.
        await app.Store.RetainedFigures.TryInsertAsync(cutShort.SchemeId, cutShort.Id, await FiguresAsync(app, cutShort), null, default);
        foreach (var kind in records.Kinds.Take(records.Kinds.Count / 2))
        {
            await kind.EraseAsync(cutShortScope, default);
        }

        var outcome = await RunAsync(app);

        Assert.Equal(new RetentionOutcome(Erased: 2, Waiting: 1, NotStopped: 0), outcome);
        Assert.Equal(before, await ReportAsync(app, month));
        foreach (var (erased, erasedScope) in new[] { (due, dueScope), (cutShort, cutShortScope) })
        {
            foreach (var kind in records.Kinds)
            {
                Assert.True((await kind.ReadAsync(erasedScope, default)).Count == 0, $"Retention left {kind.Name} of {erased.Reference}.");
            }

            var audit = Assert.Single(await app.Store.Audit.QueryAsync($"PartitionKey eq {erased.Id}", default)).Value;
            Assert.Equal(("retention", "erased the referral under the retention schedule: closed " + ClosureMonths.Partition(erased.ClosedAt!.Value) + ", kept 2 years"), (audit.Actor, audit.Action));
        }

        // The figures kept name nobody: no reference, notes, comments or concern details.
        var kept = (await app.Store.RetainedFigures.GetAsync(due.SchemeId, due.Id, default))!.Value;
        Assert.Equal(RetainedReferral.RetainedReference, kept.Referral.Reference);
        var keptJson = JsonSerializer.Serialize(kept);
        foreach (var personal in new[] { due.Reference, "Ada", "Byron", "Went well", "Lovely mentor", "A worry" })
        {
            Assert.DoesNotContain(personal, keptJson, StringComparison.Ordinal);
        }

        // Safeguarding keeps the longer period; a recent closure is not read at all.
        Assert.NotNull(await app.Store.Referrals.GetAsync(safeguarding.Id, "", default));
        Assert.NotNull(await app.Store.Referrals.GetAsync(recent.Id, "", default));
        Assert.NotEmpty(await app.Store.People.QueryAsync($"PartitionKey eq {safeguarding.Id}", default));

        Assert.Equal(new RetentionOutcome(Erased: 0, Waiting: 1, NotStopped: 0), await RunAsync(app));
        Assert.Equal(before, await ReportAsync(app, month));
        Assert.Single(await app.Store.Audit.QueryAsync($"PartitionKey eq {due.Id}", default));
        Assert.Single(await app.Store.Audit.QueryAsync($"PartitionKey eq {cutShort.Id}", default));
    }

    [Fact]
    public async Task TheDailySchedule_ErasesWhatIsDue_ThroughTheWorker_AtThreeInTheMorning()
    {
        await using var app = new ApiApp { EasyAuth = false }; // the development identity may move the sandbox clock
        using var http = Pages.PageForms.Browser(app);
        var due = await ClosedAsync(app, "Eve Hart", Now(app).AddYears(-3), concern: false, scheduled: true);

        // The host started the schedule; a day on, its 03:00 London run has come and gone.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.PostAsync("/dev/clock/advance?days=1", null)).StatusCode);
        await app.SettleAsync();

        await ApiAssert.Eventually(async () => await app.Store.Referrals.GetAsync(due.Id, "", default) is null, "the referral erased by the schedule");
        var audit = Assert.Single(await app.Store.Audit.QueryAsync($"PartitionKey eq {due.Id}", default)).Value;
        Assert.Equal("retention", audit.Actor);
        Assert.NotNull(await app.Store.RetainedFigures.GetAsync(due.SchemeId, due.Id, default));
    }

    private static async Task<RetentionOutcome> RunAsync(ApiApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRetentionRun>().RunAsync(default);
    }

    /// <summary>The month's report for the scheme, its figures only (not when it was produced), as JSON to compare.</summary>
    private static async Task<string> ReportAsync(ApiApp app, DateOnly month)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<Evaluation>().ReportAsync(month, Fostering, default);
        return JsonSerializer.Serialize(report!.Schemes, Json);
    }

    private static async Task<RetainedReferral> FiguresAsync(ApiApp app, Referral referral)
    {
        return RetainedReferral.Of(
            referral,
            (await app.Store.Matches.PartitionAsync(referral.Id, default)).Select(m => m.Value),
            (await app.Store.CheckIns.PartitionAsync(referral.Id, default)).Select(c => c.Value),
            (await app.Store.Feedback.PartitionAsync(referral.Id, default)).Select(f => f.Value),
            (await app.Store.Concerns.PartitionAsync(referral.Id, default)).Select(c => c.Value));
    }

    /// <summary>A referral's whole life, closed at <paramref name="closedAt"/>: received four months before, matched, checked in on, with feedback.</summary>
    private static async Task<Referral> ClosedAsync(ApiApp app, string name, DateTime closedAt, bool concern, bool scheduled)
    {
        var id = Guid.NewGuid().ToString("N");
        var received = closedAt.AddDays(-120);
        var matched = received.AddDays(20);
        var match = new Match
        {
            Id = "m1", ReferralId = id, MentorId = "mentor-1", Status = MatchStatus.Ended, ProposedAt = received.AddDays(15), RespondedAt = matched,
            Answer = MatchAnswer.Accepted, AnsweredAt = matched, EndedAt = closedAt, EndReason = "planned-end",
        };
        var referral = new Referral
        {
            Id = id, Reference = "FCM-" + id[..6].ToUpperInvariant(), SchemeId = Fostering, PolicyVersion = 1, Kind = ReferralKind.Self, ReceivedAt = received,
            Stage = ReferralStage.Closed, AssessmentDueAt = received.AddDays(14), FirstContactAt = received.AddDays(2), AssessedAt = received.AddDays(6),
            Outcome = AssessmentOutcome.Suitable, Profile = new MatchingProfile { PostcodeDistrict = "EX4" }, MentorId = "mentor-1", MatchedAt = matched,
            ClosedAt = closedAt, ClosureReason = "planned-end", SafeguardingConcerns = concern ? 1 : 0,
        };
        var store = app.Store;
        await store.People.UpsertAsync(id, nameof(PersonRole.Mentee), new Person { ReferralId = id, Role = PersonRole.Mentee, Name = name, Email = name.Replace(' ', '.').ToLowerInvariant() + "@example.com", PostcodeDistrict = "EX4" }, null, default);
        await store.Matches.UpsertAsync(id, match.Id, match, PeerFlow.Domain.Referrals.MatchProposals.Columns(match), default);
        foreach (var days in new[] { 28, 56, 84 })
        {
            var at = matched.AddDays(days);
            await store.CheckIns.UpsertAsync(id, PeerFlowStore.NewestFirstKey(at), new CheckIn { Id = "c" + days, ReferralId = id, MatchId = match.Id, At = at, Rag = RagStatus.Green, MetSinceLastCheckIn = true, Notes = "Went well." }, null, default);
        }

        await store.Feedback.UpsertAsync(id, "mentee", new Feedback { ReferralId = id, From = "mentee", At = closedAt.AddDays(-3), Helpfulness = 5, Comments = "Lovely mentor." }, null, default);
        if (concern)
        {
            await store.Concerns.UpsertAsync(id, PeerFlowStore.Key(matched.AddDays(30)), new SafeguardingConcern(id, matched.AddDays(30), "coordinator", "A worry about the home."), null, default);
        }

        await store.Timeline.UpsertAsync(id, PeerFlowStore.Key(closedAt) + "-closed", new TimelineEntry(id, closedAt, "closed", "Referral closed: planned-end"), null, default);
        if (scheduled)
        {
            await ClosureMonths.RecordAsync(store, id, Fostering, closedAt, default);
        }

        await store.Referrals.UpsertAsync(id, "", referral, PeerFlow.Domain.Referrals.MatchProposals.ReferralColumns(referral), default);
        return referral;
    }
}

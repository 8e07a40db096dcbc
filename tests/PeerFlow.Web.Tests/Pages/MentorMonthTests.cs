using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Tests.Api;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// Issue 21 item 1, mentor activity: mentors and places as they stood at the month's end (from their recorded changes,
/// not as they are now), mentors who joined and left in it, and supervision and training logged for it, against a
/// hand-computed fixture; and an edit through the API records the change.
/// </summary>
public sealed class MentorMonthTests
{
    private const string Fostering = "foster-mentoring";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Mentors_At_Month_End_Come_From_Their_Changes_Not_From_Today()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var month = Evaluation.MonthOf(now).AddMonths(-1);
        var (from, to) = Evaluation.Bounds(month);

        // a: never changed, active, 3 places: counted as now.
        await MentorAsync(app, "a", active: true, capacity: 3);
        // b: joined in the month with 2 places.
        await MentorAsync(app, "b", active: true, capacity: 2);
        await ChangeAsync(app, new MentorChange("b", Fostering, from.AddDays(2), Joined: true, false, 0, true, 2));
        // c: known from before, made inactive in the month: left, not counted at the end.
        await MentorAsync(app, "c", active: false, capacity: 2);
        await ChangeAsync(app, new MentorChange("c", Fostering, from.AddDays(5), Joined: false, true, 2, false, 2));
        // d: joined at the very moment the month ended: not there at its end, not joined in it.
        await MentorAsync(app, "d", active: true, capacity: 2);
        await ChangeAsync(app, new MentorChange("d", Fostering, to, Joined: true, false, 0, true, 2));
        // e: raised to 4 places before the month, cut to 1 after it: 4 at its end.
        await MentorAsync(app, "e", active: true, capacity: 1);
        await ChangeAsync(app, new MentorChange("e", Fostering, from.AddDays(-10), Joined: false, true, 1, true, 4));
        await ChangeAsync(app, new MentorChange("e", Fostering, to.AddMinutes(30), Joined: false, true, 4, true, 1));

        // Logged for the month: a's supervision on its first day and training on its last; b's supervision the day after.
        await LogAsync(app, "a", "s1", month, MentorLogKind.Supervision);
        await LogAsync(app, "a", "t1", month.AddMonths(1).AddDays(-1), MentorLogKind.Training);
        await LogAsync(app, "b", "s2", month.AddMonths(1), MentorLogKind.Supervision);

        using var json = JsonDocument.Parse(await (await http.GetAsync($"/api/reports/{Fostering}/{Evaluation.Key(month)}")).Content.ReadAsStringAsync());
        var figures = json.RootElement.GetProperty("schemes")[0].GetProperty("mentorMonth");
        Assert.Equal(3, figures.GetProperty("activeMentors").GetInt32()); // a, b, e
        Assert.Equal(9, figures.GetProperty("places").GetInt32()); // 3 + 2 + 4
        Assert.Equal(1, figures.GetProperty("joined").GetInt32()); // b
        Assert.Equal(1, figures.GetProperty("left").GetInt32()); // c
        Assert.Equal(1, figures.GetProperty("supervisions").GetInt32());
        Assert.Equal(1, figures.GetProperty("trainings").GetInt32());
    }

    [Fact]
    public async Task Adding_A_Mentor_And_Changing_Their_Capacity_Are_Recorded()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var body = new JsonObject
        {
            ["schemeId"] = Fostering, ["name"] = "Rosa Martin", ["email"] = "rosa.martin@example.org", ["capacity"] = 2,
            ["dbsCheckExpires"] = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["trainingCompleted"] = true,
            ["postcodeDistrict"] = "EX4", ["availability"] = new JsonArray("weekday-evening"),
        };
        var created = await http.PostAsync("/api/mentors", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        body["capacity"] = 3;
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync($"/api/mentors/{id}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        // The same again: nothing changed, nothing recorded.
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync($"/api/mentors/{id}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        var changes = (await app.Store.MentorChanges.PartitionAsync(Fostering, None)).Select(r => r.Value).Where(c => c.MentorId == id).OrderBy(c => c.At).ToList();
        Assert.Equal([(true, 0, 2), (false, 2, 3)], changes.Select(c => (c.Joined, c.WasCapacity, c.Capacity)));
    }

    private static async Task MentorAsync(ApiApp app, string id, bool active, int capacity)
    {
        var mentor = new Mentor { Id = id, SchemeId = Fostering, Name = "Mentor " + id, Email = id + "@example.org", Capacity = capacity, Active = active };
        Assert.True(await app.Store.Mentors.TryInsertAsync("mentor", id, mentor, MatchProposals.MentorColumns(mentor), None));
    }

    private static Task ChangeAsync(ApiApp app, MentorChange change) =>
        app.Store.MentorChanges.UpsertAsync(Fostering, change.MentorId + "|" + PeerFlowStore.Key(change.At), change, null, None);

    private static async Task LogAsync(ApiApp app, string mentorId, string id, DateOnly on, MentorLogKind kind) =>
        Assert.True(await app.Store.MentorLog.TryInsertAsync(
            mentorId, id, new MentorLogEntry { Id = id, MentorId = mentorId, On = on, Kind = kind, RecordedBy = "tester", RecordedAt = DateTime.UtcNow }, null, None));
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The staff referral list over HTTP: filters by scheme and stage, the overdue and waiting presets, newest first, and
/// each person's name beside the reference (no contact details). Referrals come in through the API; their stages are then set on the records, as no workflow runs.
/// </summary>
public sealed class ReferralListTests
{
    private const string Fostering = "foster-mentoring";
    private const string PeerLink = "peer-link";

    [Fact]
    public async Task List_FiltersBySchemeAndStage_WithPresets_NewestFirst_WithNamesButNoContactDetails()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var overdue = await ReferAsync(app, http, Fostering, "Olive Overdue", urgent: true, r => r with
        {
            ReceivedAt = now.AddDays(-5), AssessmentDueAt = now.AddDays(-1),
        });
        var fresh = await ReferAsync(app, http, Fostering, "Fred Fresh", urgent: false, r => r with
        {
            ReceivedAt = now.AddDays(-1), AssessmentDueAt = now.AddDays(5),
        });
        var waiting = await ReferAsync(app, http, PeerLink, "Wendy Waiting", urgent: false, r => r with
        {
            ReceivedAt = now.AddDays(-10), Stage = ReferralStage.Matching, AssessedAt = now.AddDays(-3).AddHours(-1),
        });
        var active = await ReferAsync(app, http, Fostering, "Andy Active", urgent: false, r => r with
        {
            ReceivedAt = now.AddDays(-30), Stage = ReferralStage.Active, AssessedAt = now.AddDays(-20), MatchedAt = now.AddDays(-10),
        });

        var all = await GetHtmlAsync(http, "/referrals");
        Assert.Contains("4 referrals, newest first.", all, StringComparison.Ordinal);
        var order = new[] { fresh, overdue, waiting, active }.Select(r => all.IndexOf(r.Reference, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        var overdueRow = Row(all, overdue.Reference);
        Assert.Contains($"href=\"/referrals/{overdue.Id}\"", overdueRow, StringComparison.Ordinal);
        Assert.Contains("Urgent", overdueRow, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"tag tag--red\">Overdue</strong>", overdueRow, StringComparison.Ordinal);
        Assert.Contains("Awaiting assessment", overdueRow, StringComparison.Ordinal);
        Assert.Contains("5 days", overdueRow, StringComparison.Ordinal);
        Assert.DoesNotContain("tag--red\">Overdue", Row(all, fresh.Reference), StringComparison.Ordinal);
        Assert.DoesNotContain("Urgent", Row(all, fresh.Reference), StringComparison.Ordinal);
        Assert.Contains("10 days", Row(all, active.Reference), StringComparison.Ordinal);
        Assert.Contains("<span class=\"person-name\">Olive Overdue</span>", overdueRow, StringComparison.Ordinal);
        Assert.Contains("Wendy Waiting", Row(all, waiting.Reference), StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", all, StringComparison.Ordinal);

        var matching = await GetHtmlAsync(http, "/referrals?stage=Matching");
        Assert.Equal([waiting.Reference], References(matching, overdue, fresh, waiting, active));
        Assert.Contains("1 referral, waiting for a match, newest first.", matching, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Matching\" selected=\"selected\">", matching, StringComparison.Ordinal);

        var fosteringAssessments = await GetHtmlAsync(http, $"/referrals?scheme={Fostering}&stage=assessment");
        Assert.Equal([fresh.Reference, overdue.Reference], References(fosteringAssessments, overdue, fresh, waiting, active));

        var overdueView = await GetHtmlAsync(http, "/referrals?view=overdue");
        Assert.Contains("<h1>Overdue assessments</h1>", overdueView, StringComparison.Ordinal);
        Assert.Equal([overdue.Reference], References(overdueView, overdue, fresh, waiting, active));

        var waitingView = await GetHtmlAsync(http, $"/referrals?view=waiting&scheme={PeerLink}");
        Assert.Equal([waiting.Reference], References(waitingView, overdue, fresh, waiting, active));
        Assert.Contains("3 days", Row(waitingView, waiting.Reference), StringComparison.Ordinal);

        // Filters that name nothing known are ignored, not passed on to the table query.
        var unknown = await GetHtmlAsync(http, "/referrals?stage=Sleeping&scheme=x%27%20or%20%27a");
        Assert.Contains("4 referrals, newest first.", unknown, StringComparison.Ordinal);
    }

    private sealed record Created(string Id, string Reference);

    private static async Task<Created> ReferAsync(ApiApp app, HttpClient http, string scheme, string name, bool urgent, Func<Referral, Referral> change)
    {
        var body = new JsonObject
        {
            ["schemeId"] = scheme,
            ["kind"] = "Self",
            ["consent"] = true,
            ["urgent"] = urgent,
            ["name"] = name,
            ["email"] = name.ToLowerInvariant().Replace(' ', '.') + "@example.com",
        };
        var accepted = await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        await app.SettleAsync();
        await app.Store.Referrals.UpdateAsync(id, "", change, MatchProposals.ReferralColumns, CancellationToken.None);
        return new Created(id, accepted.GetProperty("reference").GetString()!);
    }

    /// <summary>Which of the referrals the page lists, in the page's order.</summary>
    private static List<string> References(string html, params Created[] referrals) =>
        [.. referrals.Select(r => (r.Reference, At: html.IndexOf(r.Reference, StringComparison.Ordinal))).Where(r => r.At >= 0).OrderBy(r => r.At).Select(r => r.Reference)];
}

using System.Net;
using System.Text.Json;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>Where October's referrals came from: areas always counted, districts only from 5 referrals up.</summary>
public sealed partial class EvaluationTests
{
    [Fact]
    public async Task Geography_CountsEveryAreasReferrals_AndShowsDistrictsOnlyFromFive_OnThePageInTheFilesAndTheApi()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        for (var i = 1; i <= 5; i++)
        {
            await PersonReferralAsync(app, New($"g{i}", Fostering, $"2026-10-0{i}T09:00:00Z"), "EX4");
        }

        await PersonReferralAsync(app, New("g6", Fostering, "2026-10-10T09:00:00Z"), "EX1");
        await PersonReferralAsync(app, New("g7", Fostering, "2026-10-11T09:00:00Z"), "ex1 "); // as an old record might hold it
        await PersonReferralAsync(app, New("g8", Fostering, "2026-10-12T09:00:00Z"), "EX10");
        await PersonReferralAsync(app, New("g9", Fostering, "2026-10-13T09:00:00Z"), "TQ12");
        // No district given on the form; the coordinator recorded one at assessment.
        await PersonReferralAsync(app, New("g10", Fostering, "2026-10-14T09:00:00Z") with { Profile = new MatchingProfile { PostcodeDistrict = "PL4" } }, null);
        await PersonReferralAsync(app, New("g11", Fostering, "2026-10-15T09:00:00Z"), null);
        // September's (22:30 UTC on the 30th is 23:30 BST), and another scheme's: neither is counted.
        await PersonReferralAsync(app, New("g12", Fostering, "2026-09-30T22:30:00Z"), "EX4");
        await PersonReferralAsync(app, New("g13", PeerLink, "2026-10-05T09:00:00Z"), "EX4");
        // Erased by retention, which kept its area alone: in the area's total, in no district.
        var retained = RetainedReferral.Of(New("g14", Fostering, "2026-10-20T09:00:00Z"), [], [], [], []) with { PostcodeDistrict = "TQ" };
        await app.Store.RetainedFigures.UpsertAsync(Fostering, "g14", retained, null, None);

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}"));
        var s = Section(html, Fostering);
        const string Where = "Where referrals came from";
        Assert.Equal("8", Cell(s, Where, "EX area, all districts"));
        Assert.Equal("not shown", Cell(s, Where, "EX area: EX1"));
        Assert.Equal("5", Cell(s, Where, "EX area: EX4"));
        Assert.Equal("not shown", Cell(s, Where, "EX area: EX10"));
        Assert.Equal("2", Cell(s, Where, "TQ area, all districts"));
        Assert.Equal("not shown", Cell(s, Where, "TQ area: TQ12"));
        Assert.Equal("1", Cell(s, Where, "PL area, all districts"));
        Assert.Equal("not shown", Cell(s, Where, "PL area: PL4"));
        Assert.Equal("1", Cell(s, Where, "No postcode given"));
        // Areas by referrals, most first; districts by number, EX10 after EX4.
        var rows = System.Text.RegularExpressions.Regex.Matches(s[s.IndexOf("<caption>" + Where, StringComparison.Ordinal)..], "<th scope=\"row\">(.*?)</th>")
            .Select(m => m.Groups[1].Value).TakeWhile(r => r != "No postcode given").ToList();
        Assert.Equal(["EX area, all districts", "EX area: EX1", "EX area: EX4", "EX area: EX10", "TQ area, all districts", "TQ area: TQ12", "PL area, all districts", "PL area: PL4"], rows);

        var csv = System.Text.Encoding.UTF8.GetString(await http.GetByteArrayAsync($"/reports/2026-10?scheme={Fostering}&format=csv"));
        Assert.Contains($"2026-10,{Fostering},Foster Carer Mentoring,{Where},EX area: EX1,Referrals received,not shown", csv, StringComparison.Ordinal);
        Assert.Contains($"2026-10,{Fostering},Foster Carer Mentoring,{Where},EX area: EX4,Referrals received,5", csv, StringComparison.Ordinal);

        // The API never carries a count under five, even as a number a program could read.
        var json = JsonDocument.Parse(await http.GetStringAsync($"/api/reports/{Fostering}/2026-10")).RootElement;
        var geography = Assert.Single(json.GetProperty("schemes").EnumerateArray()).GetProperty("geography");
        var ex = geography.GetProperty("areas")[0];
        Assert.Equal("EX", ex.GetProperty("area").GetString());
        Assert.Equal(8, ex.GetProperty("count").GetInt32());
        Assert.Equal(
            [("EX1", (int?)null), ("EX4", 5), ("EX10", null)],
            ex.GetProperty("districts").EnumerateArray().Select(d => (d.GetProperty("district").GetString(), d.GetProperty("count").ValueKind == JsonValueKind.Null ? null : (int?)d.GetProperty("count").GetInt32())));
        Assert.Equal(1, geography.GetProperty("notGiven").GetInt32());
    }

    /// <summary>The mentee first, as intake writes them, so the referral's report figures find their district.</summary>
    private static async Task PersonReferralAsync(ApiApp app, Referral referral, string? district)
    {
        await app.Store.People.UpsertAsync(referral.Id, nameof(PersonRole.Mentee), new Person { ReferralId = referral.Id, Role = PersonRole.Mentee, Name = "Someone", PostcodeDistrict = district }, null, None);
        await ReferralAsync(app, referral);
    }
}

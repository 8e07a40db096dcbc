using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>Equality monitoring: optional at intake, kept with the person, reported only in groups of five or more.</summary>
public sealed partial class EvaluationTests
{
    [Fact]
    public async Task Equalities_AreReportedOnlyInGroupsOfFive_ForASchemeThatAsksThem()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        // Five women aged 25 to 34 or 35 to 44, White, not disabled; a man; someone who answered nothing.
        for (var i = 1; i <= 5; i++)
        {
            await EqualitiesReferralAsync(app, New($"e{i}", Fostering, $"2026-10-0{i}T09:00:00Z"), new Equalities
            {
                Gender = Gender.Woman, AgeBand = i <= 3 ? AgeBand.From25To34 : AgeBand.From35To44, EthnicGroup = EthnicGroup.White, Disability = Disability.No,
            });
        }

        await EqualitiesReferralAsync(app, New("e6", Fostering, "2026-10-10T09:00:00Z"), new Equalities { Gender = Gender.Man, AgeBand = AgeBand.From25To34, EthnicGroup = EthnicGroup.Asian, Disability = Disability.Yes });
        await EqualitiesReferralAsync(app, New("e7", Fostering, "2026-10-11T09:00:00Z"), null);
        // September's, and Peer Link's (a scheme that does not ask): not counted.
        await EqualitiesReferralAsync(app, New("e8", Fostering, "2026-09-30T22:30:00Z"), new Equalities { Gender = Gender.Woman });
        await EqualitiesReferralAsync(app, New("e9", PeerLink, "2026-10-05T09:00:00Z"), new Equalities { Gender = Gender.Woman });

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(http, "/reports/2026-10"));
        var s = Section(html, Fostering);
        Assert.Equal("5", Cell(s, "Referrals received by gender", "Woman"));
        Assert.Equal("not shown", Cell(s, "Referrals received by gender", "Man"));
        Assert.Equal("0", Cell(s, "Referrals received by gender", "Non-binary"));
        Assert.Equal("not shown", Cell(s, "Referrals received by gender", "Not answered"));
        Assert.Equal("not shown", Cell(s, "Referrals received by age band", "25 to 34")); // four
        Assert.Equal("not shown", Cell(s, "Referrals received by age band", "35 to 44"));
        Assert.Equal("0", Cell(s, "Referrals received by age band", "Under 18"));
        Assert.Equal("5", Cell(s, "Referrals received by ethnic group", "White"));
        Assert.Equal("not shown", Cell(s, "Referrals received by ethnic group", "Asian, Asian British, Asian Welsh"));
        Assert.Equal("0", Cell(s, "Referrals received by ethnic group", "Mixed or multiple ethnic groups"));
        Assert.Equal("5", Cell(s, "Referrals received by disability", "No"));
        Assert.Equal("not shown", Cell(s, "Referrals received by disability", "Yes"));
        Assert.DoesNotContain("Referrals received by gender", Section(html, PeerLink), StringComparison.Ordinal);

        // The JSON carries no count from 1 to 4.
        var json = JsonDocument.Parse(await http.GetStringAsync($"/api/reports/{Fostering}/2026-10")).RootElement;
        var genders = Assert.Single(json.GetProperty("schemes").EnumerateArray()).GetProperty("equalities").GetProperty("genders").EnumerateArray()
            .ToDictionary(g => g.GetProperty("code").GetString()!, g => g.GetProperty("count").ValueKind == JsonValueKind.Null ? (int?)null : g.GetProperty("count").GetInt32());
        Assert.Equal(5, genders["Woman"]);
        Assert.Null(genders["Man"]);
        Assert.Null(genders["not-answered"]);
        Assert.Equal(0, genders["NonBinary"]);
    }

    [Fact]
    public async Task EqualityAnswers_AreOptional_RefusedOnlyWhenNotACode_AndKeptWithThePersonWhereTheSchemeAsks()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        object Body(string scheme, string name, string? gender) => new
        {
            schemeId = scheme, kind = "Self", consent = true, name, email = "someone@example.org",
            ageBand = gender is null ? null : "From25To34", gender, ethnicGroup = gender is null ? null : "mixed", disability = gender is null ? null : "PreferNotToSay",
        };

        await ApiAssert.ValidationProblemAsync(await http.PostAsJsonAsync("/api/referrals", Body(Fostering, "Ash Bad", "Lizard")), "gender");
        await ApiAssert.ValidationProblemAsync(await http.PostAsJsonAsync("/api/referrals", new { schemeId = Fostering, kind = "Self", consent = true, name = "Ash Bad", email = "a@example.org", ageBand = "3" }), "ageBand");

        var asked = (await ApiAssert.JsonAsync(await http.PostAsJsonAsync("/api/referrals", Body(Fostering, "Ash Asked", "NonBinary")), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var none = (await ApiAssert.JsonAsync(await http.PostAsJsonAsync("/api/referrals", Body(Fostering, "Ash None", null)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var notAsked = (await ApiAssert.JsonAsync(await http.PostAsJsonAsync("/api/referrals", Body(PeerLink, "Ash Elsewhere", "Woman")), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        var person = (await app.Store.People.GetAsync(asked, nameof(PersonRole.Mentee), None))!.Value;
        Assert.Equal(new Equalities { AgeBand = AgeBand.From25To34, Gender = Gender.NonBinary, EthnicGroup = EthnicGroup.Mixed, Disability = Disability.PreferNotToSay }, person.Equalities);
        Assert.Null((await app.Store.People.GetAsync(none, nameof(PersonRole.Mentee), None))!.Value.Equalities);
        Assert.Null((await app.Store.People.GetAsync(notAsked, nameof(PersonRole.Mentee), None))!.Value.Equalities); // Peer Link does not ask
    }

    private static async Task EqualitiesReferralAsync(ApiApp app, Referral referral, Equalities? answers)
    {
        await app.Store.People.UpsertAsync(referral.Id, nameof(PersonRole.Mentee), new Person { ReferralId = referral.Id, Role = PersonRole.Mentee, Name = "Someone", Equalities = answers }, null, None);
        await ReferralAsync(app, referral);
    }
}

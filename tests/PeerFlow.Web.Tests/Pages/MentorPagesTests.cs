using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;
using MatchRecord = PeerFlow.Domain.Records.Match;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The staff mentor pages over HTTP, as a browser without scripts uses them: the list with its capacity and DBS tags,
/// the form refusing bad input without storing anything, a valid form stored and shown, an edit that keeps the load.
/// </summary>
public sealed class MentorPagesTests : IClassFixture<ApiApp>
{
    private const string Fostering = "foster-mentoring";
    private const string PeerLink = "peer-link";
    private readonly ApiApp app;

    public MentorPagesTests(ApiApp app) => this.app = app;

    private DateOnly Today => DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    [Fact]
    public async Task List_ShowsMentors_WithLoadCapacityAndDbsTags_AndFiltersByScheme()
    {
        using var http = Browser(app);
        var full = await CreateMentorAsync(http, "Fay Full", Fostering, Today.AddYears(1), capacity: 1);
        await app.Store.Mentors.UpdateAsync("mentor", full, m => m with { ActiveMatches = 1 }, MatchProposals.MentorColumns, CancellationToken.None);
        await CreateMentorAsync(http, "Ed Expired", Fostering, Today.AddDays(-5));
        await CreateMentorAsync(http, "Sam Soon", Fostering, Today.AddDays(30));
        await CreateMentorAsync(http, "Flo Fine", Fostering, Today.AddYears(2));
        await CreateMentorAsync(http, "Pat Link", PeerLink, Today.AddYears(2));

        var html = await GetHtmlAsync(http, "/mentors");
        var fay = Row(html, "Fay Full");
        Assert.Contains("1 of 1", fay, StringComparison.Ordinal);
        Assert.Contains("At capacity", fay, StringComparison.Ordinal);
        Assert.Contains($"href=\"/mentors/{full}\"", fay, StringComparison.Ordinal);
        Assert.Contains("Expired", Row(html, "Ed Expired"), StringComparison.Ordinal);
        Assert.Contains("Expires soon", Row(html, "Sam Soon"), StringComparison.Ordinal);
        var flo = Row(html, "Flo Fine");
        Assert.Contains("0 of 2", flo, StringComparison.Ordinal);
        Assert.DoesNotContain("At capacity", flo, StringComparison.Ordinal);
        Assert.DoesNotContain("Expire", flo, StringComparison.Ordinal);
        Assert.Contains("weekday evening, weekend", flo, StringComparison.Ordinal);
        Assert.Contains("Pat Link", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/mentors/new\"", html, StringComparison.Ordinal);

        var peerLink = await GetHtmlAsync(http, "/mentors?scheme=" + PeerLink);
        Assert.Contains("Pat Link", peerLink, StringComparison.Ordinal);
        Assert.DoesNotContain("Fay Full", peerLink, StringComparison.Ordinal);
        Assert.Matches("<option value=\"peer-link\" selected=\"selected\">", peerLink);
    }

    [Fact]
    public async Task New_WithErrors_ShowsTheFormAgainWithMessagesAndValues_AndStoresNothing()
    {
        using var http = Browser(app);
        var before = (await app.Store.Mentors.ScanAsync(null, CancellationToken.None)).Count;
        var form = await GetHtmlAsync(http, "/mentors/new");
        Assert.Contains("<h1>Add a mentor</h1>", form, StringComparison.Ordinal);

        var fields = Fields("", Fostering) with { Email = "not-an-email", Capacity = "12", Interests = "art, walking" };
        var page = await HtmlAsync(await PostAsync(http, "/mentors/new", form, fields.Pairs()), HttpStatusCode.OK);
        Assert.Contains("<title>Error: ", page, StringComparison.Ordinal);
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Name\"", page, StringComparison.Ordinal);
        Assert.Contains("Enter the mentor's name.", Decoded(page), StringComparison.Ordinal);
        Assert.Contains("Enter an email address like name@example.com.", Decoded(page), StringComparison.Ordinal);
        Assert.Contains("Capacity is between 1 and 10 families.", Decoded(page), StringComparison.Ordinal);
        Assert.Equal("not-an-email", Hidden(page, "Input.Email"));
        Assert.Equal("12", Hidden(page, "Input.Capacity"));
        Assert.Equal("art, walking", Hidden(page, "Input.Interests"));
        Assert.True(IsChecked(page, "Input.Availability", "weekend"));
        Assert.False(IsChecked(page, "Input.Availability", "weekday-daytime"));
        Assert.True(IsChecked(page, "Input.SchemeId", Fostering));

        // Text where numbers and dates belong is answered with messages too, and what was typed stays.
        fields = Fields("Nat Number", Fostering) with { Capacity = "lots", DbsCheckExpires = "31/03/2027" };
        page = await HtmlAsync(await PostAsync(http, "/mentors/new", page, fields.Pairs()), HttpStatusCode.OK);
        Assert.Contains("Enter the DBS check expiry as a real date", page, StringComparison.Ordinal);
        Assert.Contains("Capacity is between 1 and 10 families.", page, StringComparison.Ordinal);
        Assert.Equal("31/03/2027", Hidden(page, "Input.DbsCheckExpires"));
        Assert.Equal("lots", Hidden(page, "Input.Capacity"));
        Assert.Equal("Nat Number", Hidden(page, "Input.Name"));

        Assert.Equal(before, (await app.Store.Mentors.ScanAsync(null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task New_Valid_RedirectsToTheProfile_AndStoresTheMentorWithTheTickedTags()
    {
        using var http = Browser(app);
        var form = await GetHtmlAsync(http, "/mentors/new");
        var fields = Fields("Rosa Martin", Fostering) with
        {
            Capacity = "3",
            PostcodeDistrict = "ex4",
            Availability = ["weekday-evening", "weekend"],
            Experiences = "teenagers, early-placement",
            Languages = "English, Welsh",
        };
        var response = await PostAsync(http, "/mentors/new", form, fields.Pairs());
        var location = SeeOther(response);
        var id = location["/mentors/".Length..];

        var stored = (await app.Store.Mentors.GetAsync("mentor", id, CancellationToken.None))?.Value;
        Assert.NotNull(stored);
        Assert.Equal("Rosa Martin", stored.Name);
        Assert.Equal("rosa.martin@example.org", stored.Email);
        Assert.Equal(Fostering, stored.SchemeId);
        Assert.Equal(3, stored.Capacity);
        Assert.Equal(0, stored.ActiveMatches);
        Assert.Equal("EX4", stored.PostcodeDistrict);
        Assert.Equal(Today.AddYears(1), stored.DbsCheckExpires);
        Assert.True(stored.TrainingCompleted);
        Assert.Equal(["weekday-evening", "weekend"], stored.Availability);
        Assert.Equal(["teenagers", "early-placement"], stored.Experiences);
        Assert.Equal(["English", "Welsh"], stored.Languages);
        Assert.Equal(["practical"], stored.LearningStyles);
        Assert.Equal("female", stored.Gender);

        var profile = await GetHtmlAsync(http, location);
        Assert.Contains("<h1>Rosa Martin</h1>", profile, StringComparison.Ordinal);
        Assert.Contains("rosa.martin@example.org", Decoded(profile), StringComparison.Ordinal);
        Assert.Contains("0 of 3", profile, StringComparison.Ordinal);
        Assert.Contains("teenagers, early placement", profile, StringComparison.Ordinal);
        Assert.Contains($"href=\"/mentors/{id}/edit\"", profile, StringComparison.Ordinal);
        Assert.Contains("No matches yet.", profile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_ListsTheMentorsMatches_ByReferenceAndName_LinkingToTheirReferrals()
    {
        using var http = Browser(app);
        var mentor = await CreateMentorAsync(http, "Mia Matched", Fostering, Today.AddYears(1));
        var referral = await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = Fostering,
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Jamie Fox",
            ["email"] = "jamie.fox@example.com",
        })), HttpStatusCode.Accepted);
        var referralId = referral.GetProperty("id").GetString()!;
        var match = new MatchRecord { Id = "m-test-" + mentor, ReferralId = referralId, MentorId = mentor, Status = MatchStatus.Active, ProposedAt = DateTime.UtcNow };
        await app.Store.Matches.TryInsertAsync(referralId, match.Id, match, MatchProposals.Columns(match), CancellationToken.None);

        var profile = await GetHtmlAsync(http, $"/mentors/{mentor}");
        Assert.Contains("1 current match", profile, StringComparison.Ordinal);
        Assert.Contains($"href=\"/referrals/{referralId}\">{referral.GetProperty("reference").GetString()}</a>", profile, StringComparison.Ordinal);
        Assert.Contains("<span class=\"person-name\">Jamie Fox</span>", profile, StringComparison.Ordinal); // staff know families by name
        Assert.DoesNotContain("jamie.fox@example.com", profile, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/mentors/no-such-mentor")).StatusCode);
    }

    [Fact]
    public async Task Edit_IsFilledFromTheMentor_AndSavingKeepsTheirLoad()
    {
        using var http = Browser(app);
        var id = await CreateMentorAsync(http, "Eve Edit", Fostering, Today.AddYears(1), availability: ["evenings"]);
        await app.Store.Mentors.UpdateAsync("mentor", id, m => m with { ActiveMatches = 2 }, MatchProposals.MentorColumns, CancellationToken.None);

        var form = await GetHtmlAsync(http, $"/mentors/{id}/edit");
        Assert.Equal("Eve Edit", Hidden(form, "Input.Name"));
        Assert.Equal("eve.edit@example.org", Hidden(form, "Input.Email"));
        Assert.Equal(Today.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Hidden(form, "Input.DbsCheckExpires"));
        Assert.Equal("outdoors, cooking", Hidden(form, "Input.Interests"));
        Assert.True(IsChecked(form, "Input.Availability", "evenings"), "A slot outside the form's list is offered, ticked, so saving keeps it.");
        Assert.True(IsChecked(form, "Input.SchemeId", Fostering));

        // A mistake changes nothing.
        var page = await HtmlAsync(await PostAsync(http, $"/mentors/{id}/edit", form, (Fields("Eve Edit", Fostering) with { Email = "" }).Pairs()), HttpStatusCode.OK);
        Assert.Contains("id=\"Input_Email-error\"", page, StringComparison.Ordinal);
        Assert.Equal("", Hidden(page, "Input.Email"));
        Assert.Equal("eve.edit@example.org", (await app.Store.Mentors.GetAsync("mentor", id, CancellationToken.None))!.Value.Email);

        var fields = Fields("Eve Edited", Fostering) with { Email = "eve.edit@example.org", Capacity = "4", Active = "false", Availability = ["evenings", "weekend"] };
        Assert.Equal($"/mentors/{id}", SeeOther(await PostAsync(http, $"/mentors/{id}/edit", page, fields.Pairs())));
        var stored = (await app.Store.Mentors.GetAsync("mentor", id, CancellationToken.None))!.Value;
        Assert.Equal("Eve Edited", stored.Name);
        Assert.Equal(4, stored.Capacity);
        Assert.False(stored.Active);
        Assert.Equal(2, stored.ActiveMatches);
        Assert.Equal(["evenings", "weekend"], stored.Availability);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/mentors/no-such-mentor/edit")).StatusCode);
    }

    /// <summary>A complete, valid form; tests change what they need.</summary>
    private sealed record MentorFields(string Name, string SchemeId)
    {
        public string Email { get; init; } = Name.Length == 0 ? "" : Name.ToLowerInvariant().Replace(' ', '.') + "@example.org";

        public string Phone { get; init; } = "07700 900456";

        public string Active { get; init; } = "true";

        public string Capacity { get; init; } = "2";

        public string DbsCheckExpires { get; init; } = "";

        public string TrainingCompleted { get; init; } = "true";

        public string PostcodeDistrict { get; init; } = "EX1";

        public IReadOnlyList<string> Availability { get; init; } = ["weekend"];

        public string Interests { get; init; } = "walking";

        public string Experiences { get; init; } = "teenagers";

        public string Languages { get; init; } = "English";

        public string LearningStyles { get; init; } = "practical";

        public string Gender { get; init; } = "female";

        public IEnumerable<KeyValuePair<string, string>> Pairs()
        {
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["SchemeId"] = SchemeId, ["Name"] = Name, ["Email"] = Email, ["Phone"] = Phone, ["Active"] = Active, ["Capacity"] = Capacity,
                ["DbsCheckExpires"] = DbsCheckExpires, ["TrainingCompleted"] = TrainingCompleted, ["TrainingExpires"] = "", ["PostcodeDistrict"] = PostcodeDistrict,
                ["Interests"] = Interests, ["Experiences"] = Experiences, ["Languages"] = Languages, ["LearningStyles"] = LearningStyles, ["Gender"] = Gender,
            })
            {
                yield return new("Input." + key, value);
            }

            foreach (var slot in Availability)
            {
                yield return new("Input.Availability", slot);
            }
        }
    }

    private MentorFields Fields(string name, string scheme) =>
        new(name, scheme) { DbsCheckExpires = Today.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    private static async Task<string> CreateMentorAsync(HttpClient http, string name, string scheme, DateOnly dbsExpires, int capacity = 2, string[]? availability = null)
    {
        var body = new JsonObject
        {
            ["schemeId"] = scheme,
            ["name"] = name,
            ["email"] = name.ToLowerInvariant().Replace(' ', '.') + "@example.org",
            ["capacity"] = capacity,
            ["dbsCheckExpires"] = dbsExpires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["trainingCompleted"] = true,
            ["availability"] = new JsonArray([.. (availability ?? ["weekday-evening", "weekend"]).Select(a => JsonValue.Create(a))]),
            ["interests"] = new JsonArray("outdoors", "cooking"),
        };
        return (await JsonAsync(await http.PostAsync("/api/mentors", Json(body)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static bool IsChecked(string html, string name, string value) =>
        Assert.Single(Inputs(html, name), i => i.Contains($"value=\"{value}\"", StringComparison.Ordinal)).Contains("checked", StringComparison.Ordinal);
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>
/// A mentor whose DBS check has run out cannot be proposed, and the shortlist says why; on a phone, the coordinator
/// opens that mentor's page, sees what needs action and logs a supervision.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MentorChecksTests(BrowserApp app) : BrowserTest(app)
{
    private static readonly string[] Evenings = ["weekday-evening"];

    [Fact]
    public async Task AnExpiredDbsCheck_BlocksAProposal_WithTheReasonShown_AndASupervisionIsLoggedOnAPhone()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        using var http = App.CreateHttpClient();
        var lapsedName = $"Dee Lapsed {unique}";
        var lapsed = await MentorAsync(http, lapsedName, $"dee.{unique}@example.org", today.AddDays(-1));
        var referral = await ReferAsync(http, $"Sam Hill {unique}", $"sam.{unique}@example.com");
        using (var assessed = await http.PostAsJsonAsync($"/api/referrals/{referral}/assessment", new
        {
            outcome = "suitable",
            profile = new { postcodeDistrict = "EX4", availability = Evenings },
        }))
        {
            Assert.True(assessed.IsSuccessStatusCode, await assessed.Content.ReadAsStringAsync());
        }

        var page = await App.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/referrals/{referral}");
        var excluded = page.Locator(".candidate", new() { HasText = lapsedName });
        await ReloadUntilAsync(page, excluded);
        await page.GetByText("Mentors who could not be proposed").ClickAsync();
        await Expect(excluded).ToContainTextAsync("DBS check expired on " + today.AddDays(-1).ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Propose {lapsedName}", Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync($"/mentors/{lapsed}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checks that need action" })).ToBeVisibleAsync();
        await Expect(page.GetByText("not proposed for new families until it is recorded")).ToBeVisibleAsync();
        await App.AssertAccessibleAsync(page, "mentor-checks");

        await page.GetByRole(AriaRole.Group, new() { Name = "What was it?" }).GetByLabel("Supervision").CheckAsync();
        await page.GetByLabel("Day").FillAsync(today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Note").FillAsync("One to one after a hard week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the log" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to the log.");
        var row = page.GetByRole(AriaRole.Row, new() { Name = "One to one after a hard week." });
        await Expect(row).ToContainTextAsync("Supervision");
        await Expect(row).ToContainTextAsync(today.AddDays(-2).ToString("d MMM yyyy", CultureInfo.InvariantCulture));
        await App.AssertAccessibleAsync(page, "mentor-log");
    }

    private static async Task<string> MentorAsync(HttpClient http, string name, string email, DateOnly dbs)
    {
        using var response = await http.PostAsJsonAsync("/api/mentors", new
        {
            schemeId = "foster-mentoring",
            name,
            email,
            capacity = 2,
            dbsCheckExpires = dbs.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            trainingCompleted = true,
            postcodeDistrict = "EX4",
            availability = Evenings,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> ReferAsync(HttpClient http, string name, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/referrals", new
        {
            schemeId = "foster-mentoring", kind = "Self", consent = true, name, email, postcodeDistrict = "EX4",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The workflow moves a referral to matching moments after its assessment; a coordinator refreshes until it has.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator expected)
    {
        var deadline = DateTime.UtcNow + BrowserApp.Timeout;
        while (await expected.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not there after {BrowserApp.Timeout.TotalSeconds:0} s of refreshing {page.Url}.");
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }
    }
}

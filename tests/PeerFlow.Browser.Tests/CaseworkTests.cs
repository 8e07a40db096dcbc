using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>
/// Case work on a phone: finding someone by name from the dashboard's find box, and logging a contact that happened
/// yesterday afternoon. A test of its own, so that the coordinator journey stays as it is.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseworkTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task ACoordinator_FindsAPersonByName_AndLogsAContactFromYesterday_OnAPhone()
    {
        var (_, reference) = await ReferAsync("Tom Okafor");
        var page = await App.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/dashboard");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Find a referral" }).FillAsync("tom okafor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        var found = page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true });
        await Expect(found).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = reference })).ToContainTextAsync("Tom Okafor");
        await App.AssertAccessibleAsync(page, "search-results");

        await found.ClickAsync();
        await page.GetByText("Log a contact", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Phone call").CheckAsync();
        var now = TimeZoneInfo.ConvertTime(App.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var yesterday = now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#Contact_Date").FillAsync(yesterday);
        await page.Locator("#Contact_Time").FillAsync("14:30");
        await page.Locator("#Contact_Note").FillAsync("Spoke to Tom about a first meeting.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log contact" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Contact logged.");
        var log = page.Locator("#contacts + ol li").First;
        await Expect(log).ToContainTextAsync("Phone call");
        await Expect(log).ToContainTextAsync("Spoke to Tom about a first meeting.");
        await Expect(log.Locator("time")).ToContainTextAsync(now.AddDays(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture) + ", 2:30pm");
        await App.AssertAccessibleAsync(page, "referral-contact-log");
    }

    private async Task<(string Id, string Reference)> ReferAsync(string name)
    {
        using var http = App.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("/api/referrals", new
        {
            schemeId = "foster-mentoring",
            kind = "Self",
            consent = true,
            name,
            email = $"casework.{Guid.NewGuid():N}@example.com",
            postcodeDistrict = "EX4",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("id").GetString()!, body.GetProperty("reference").GetString()!);
    }
}

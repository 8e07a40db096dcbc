using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task HomePage_IsPublic_OffersAReferral_AndIsAccessible()
    {
        var page = await App.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Make a referral", Exact = true })).ToHaveAttributeAsync("href", "/refer");
        // A public page: families and referrers see no staff navigation.
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Staff" })).ToHaveCountAsync(0);
        await App.AssertAccessibleAsync(page, "home");
    }
}

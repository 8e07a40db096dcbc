using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using PeerFlow.Domain.Email;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>The development mail viewer, filled by the app's own worker sending real email through the SendGrid stand-in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DevMailTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task MailViewer_ListsTheCoordinatorsNotice_WithALinkBackToThisServer_AndIsAccessible()
    {
        var reference = await ReferThroughTheApiAsync();
        var subject = $"New referral {reference} for Foster Carer Mentoring";

        var link = await App.WaitForMailAsync(
            m => m.Summary.Subject == subject && m.Summary.Template == EmailTemplateNames.ReferralReceivedCoordinator,
            "^" + Regex.Escape(App.BaseUrl.ToString()));

        Assert.StartsWith(App.BaseUrl.ToString(), link, StringComparison.Ordinal);
        var page = await App.NewPageAsync();
        await page.GotoAsync("/dev/mail");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Captured mail");
        await App.AssertAccessibleAsync(page, "dev-mail");

        await page.GetByRole(AriaRole.Link, new() { Name = subject, Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(subject);
        await Expect(page.Locator("pre")).ToContainTextAsync(link);
        await App.AssertAccessibleAsync(page, "dev-mail-message");
    }

    private async Task<string> ReferThroughTheApiAsync()
    {
        using var http = App.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("/api/referrals", new
        {
            schemeId = "foster-mentoring",
            kind = "Self",
            consent = true,
            name = "Sam Carter",
            email = $"sam.{Guid.NewGuid():N}@example.com",
            postcodeDistrict = "EX2",
            reasonForReferral = "Newly approved and would value support.",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/referrals answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>
/// Everyone kept informed (issue 18): the referrer's update at /dev/mail, a mentee's worry through their link reaching
/// the coordinator, and a safeguarding concern raised with a red check-in and closed by a manager. The referral is set
/// up through the JSON API; the people's steps are taken in the browser, the mentee's and the mentor's on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeptInformedTests(BrowserApp app) : BrowserTest(app)
{
    private static readonly string[] Evenings = ["evenings"];
    private static readonly string[] Walking = ["walking"];

    /// <summary>Deliveries run apart from the workflows: on a loaded two-core machine they can take longer than a page does.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TheReferrerHearsOfTheAssessment_TheMenteesWorryReachesTheCoordinator_AndARedCheckInsConcernIsClosedByAManager()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var mentorEmail = $"ann.{unique}@example.org";
        var menteeEmail = $"dee.{unique}@example.com";
        using var http = App.CreateHttpClient();
        var mentorId = await PostAsync(http, "/api/mentors", new
        {
            schemeId = "foster-mentoring", name = $"Ann Mentor {unique}", email = mentorEmail, capacity = 2, trainingCompleted = true, postcodeDistrict = "EX4",
            dbsCheckExpires = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            availability = Evenings, interests = Walking,
        }, HttpStatusCode.Created);
        var referral = await PostJsonAsync(http, "/api/referrals", new
        {
            schemeId = "foster-mentoring", kind = "Professional", consent = true, referrerUpdates = true,
            name = $"Dee Kaur {unique}", email = menteeEmail, postcodeDistrict = "EX4",
            referrerName = "Kim Worker", referrerEmail = $"kim.{unique}@example.org", referrerSector = "SocialWorker",
        }, HttpStatusCode.Accepted);
        var id = referral.GetProperty("id").GetString()!;
        var reference = referral.GetProperty("reference").GetString()!;
        // The coordinator assesses once the referrer has had the acknowledgement (notices to a referral go in order).
        var referrerEmail = $"kim.{unique}@example.org";
        await App.WaitForMessageAsync(m => m.Summary.To.Contains(referrerEmail) && m.Summary.Template == EmailTemplateNames.ReferralReceived, Patience);
        await PostAsync(http, $"/api/referrals/{id}/assessment", new { outcome = "suitable", profile = new { postcodeDistrict = "EX4", availability = Evenings, interests = Walking } }, HttpStatusCode.Accepted);

        // The referrer's update, as /dev/mail shows it.
        await App.WaitForMessageAsync(m => m.Summary.To.Contains(referrerEmail) && m.Summary.Template == EmailTemplateNames.ReferrerUpdate, Patience);
        var page = await App.NewPageAsync();
        var update = page.GetByRole(AriaRole.Link, new() { Name = $"Referral {reference}: assessed", Exact = true });
        await ReloadUntilAsync(page, "/dev/mail", update);
        await update.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Referral {reference}: assessed");
        await App.AssertAccessibleAsync(page, "dev-mail-referrer-update");

        // A proposal the mentor accepts through their link.
        var matchId = (await PostJsonAsync(http, $"/api/referrals/{id}/matches", new { mentorId }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var accept = await App.WaitForMailAsync(m => m.Summary.To.Contains(mentorEmail) && m.Summary.Template == EmailTemplateNames.MatchProposed, "/m/accept\\?t=", Patience);
        var mentor = await App.NewPageAsync();
        await mentor.SetViewportSizeAsync(390, 844);
        await mentor.GotoAsync(accept);
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Accept this match" }).ClickAsync();
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you for accepting");

        // The mentee raises a worry through the link in their match email, on a phone.
        var voice = await App.WaitForMailAsync(m => m.Summary.To.Contains(menteeEmail) && m.Summary.Template == EmailTemplateNames.MatchConfirmed, "/m/mentee-voice\\?t=", Patience);
        var mentee = await App.NewPageAsync();
        await mentee.SetViewportSizeAsync(390, 844);
        await mentee.GotoAsync(voice);
        await Expect(mentee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tell your coordinator");
        await App.AssertAccessibleAsync(mentee, "link-mentee-voice");
        await mentee.GetByLabel("I have a worry").CheckAsync();
        await mentee.GetByLabel("In your own words").FillAsync("Our meetings keep being moved at short notice.");
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Send to your coordinator" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sent to your coordinator");
        await App.AssertAccessibleAsync(mentee, "link-mentee-voice-sent");
        await App.WaitForMessageAsync(m => m.Summary.Template == EmailTemplateNames.MatchUpdate && m.Summary.Subject == $"The mentee on {reference} has raised a worry", Patience);

        // On the dashboard until a coordinator marks it read on the referral's page: the referral, never the words.
        await page.GotoAsync("/dashboard");
        var messages = page.Locator("#mentee-messages");
        await Expect(messages).ToContainTextAsync($"{reference} Dee Kaur {unique}: raised a worry");
        await Expect(messages).Not.ToContainTextAsync("short notice");
        await App.AssertAccessibleAsync(page, "dashboard-mentee-message");
        await messages.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The mentee's message is marked read");
        await page.GotoAsync("/dashboard");
        await Expect(page.Locator("#mentee-messages")).ToHaveCountAsync(0);

        var referralPage = $"/referrals/{Uri.EscapeDataString(id)}";
        await page.GotoAsync(referralPage);
        await Expect(page.Locator("#timeline + ol")).ToContainTextAsync("The mentee raised a worry through their link");
        await Expect(page.Locator("#contacts + ol")).ToContainTextAsync("Our meetings keep being moved at short notice.");

        // The mentor's check-in is red and raises a concern in one step; a manager closes it with its outcome.
        var urls = App.Services.GetRequiredService<PublicUrls>();
        var checkIn = urls.Link(LinkAction.LogCheckIn, App.Services.GetRequiredService<SignedLinks>().Create(LinkAction.LogCheckIn, id, matchId, TimeSpan.FromDays(7)));
        await mentor.GotoAsync(checkIn);
        await mentor.GetByLabel("Red – serious problems").CheckAsync();
        await mentor.GetByRole(AriaRole.Group, new() { Name = "Have you met since your last check-in?" }).GetByLabel("Yes").CheckAsync();
        await mentor.GetByLabel("Notes for your coordinator").FillAsync("Dee said someone at home frightens her.");
        await mentor.GetByLabel("My notes describe a safeguarding concern").CheckAsync();
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Send check-in" }).ClickAsync();
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check-in sent");

        var close = page.GetByRole(AriaRole.Button, new() { Name = "Close the concern" });
        await ReloadUntilAsync(page, referralPage, close);
        var concern = page.Locator(".concern").First;
        await Expect(concern).ToContainTextAsync("Dee said someone at home frightens her.");
        await page.GetByLabel("Outcome (managers close concerns)").FillAsync("Referred to children's services; the family is safe.");
        await close.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Safeguarding concern closed.");
        await Expect(page.Locator(".concern").First).ToContainTextAsync("Referred to children's services; the family is safe.");
        await App.AssertAccessibleAsync(page, "referral-concern-closed");
    }

    private static async Task<string> PostAsync(HttpClient http, string url, object body, HttpStatusCode expected)
    {
        var json = await PostJsonAsync(http, url, body, expected);
        return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("id", out var value) ? value.GetString()! : "";
    }

    private static async Task<JsonElement> PostJsonAsync(HttpClient http, string url, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Workflows and deliveries move on moments after an action: the page is fetched again until it shows.</summary>
    private static async Task ReloadUntilAsync(IPage page, string url, ILocator expected)
    {
        var deadline = DateTime.UtcNow + BrowserApp.Timeout;
        await page.GotoAsync(url);
        while (await expected.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not there after {BrowserApp.Timeout.TotalSeconds:0} s of refreshing {url}.");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>
/// The pages the journeys do not pass through, each checked with axe: lists, the mentor edit form, the privacy
/// notice, error and refusal pages, the decline and feedback links, and a referral page showing a failed action.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RemainingPagesTests(BrowserApp app) : BrowserTest(app)
{
    private static readonly string[] Weekends = ["weekend"];

    [Fact]
    public async Task StaffLists_TheMentorEditForm_AndAReferralPageWithAFailedAction_AreAccessible()
    {
        var (id, reference) = await ReferAsync();
        var mentorId = await MentorAsync();
        var page = await App.NewPageAsync();

        await page.GotoAsync("/referrals");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true })).ToBeVisibleAsync();
        await App.AssertAccessibleAsync(page, "referrals");
        await page.GotoAsync("/referrals?view=overdue&scheme=foster-mentoring");
        await App.AssertAccessibleAsync(page, "referrals-overdue");
        await page.GotoAsync("/reports");
        await App.AssertAccessibleAsync(page, "reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Foster Carer Mentoring" })).ToBeVisibleAsync();
        // The charts are checked with the rest of the page: SVG images named by their title and described by their figures.
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Referrals received and matches started in each of the twelve months to this one." }).First).ToBeVisibleAsync();
        await App.AssertAccessibleAsync(page, "report-month");
        await page.GotoAsync($"/mentors/{mentorId}/edit");
        await Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Owen Price");
        await App.AssertAccessibleAsync(page, "mentor-edit");

        // The coordinator's choice of a daily digest, from the dashboard's link; set back, as other tests expect emails.
        await page.GotoAsync("/dashboard");
        await page.Locator("a[href='/schemes/peer-link/notices']").ClickAsync();
        await page.GetByLabel("One email a day at 09:00").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("What can wait now goes in one email at 09:00.");
        await App.AssertAccessibleAsync(page, "scheme-notices");
        await page.GetByLabel("One email for each thing as it falls due").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Each thing now goes in its own email");

        // A failed action comes back open, with its message in the summary and beside its field.
        await page.GotoAsync($"/referrals/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record assessment" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose an outcome");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Outcome" })).ToContainTextAsync("Choose an outcome");
        await App.AssertAccessibleAsync(page, "referral-errors");
    }

    [Fact]
    public async Task PublicPages_PrivacyNotFoundDeclineFeedbackAndRefusedLinks_AreAccessible()
    {
        var (id, _) = await ReferAsync();
        var links = App.Services.GetRequiredService<SignedLinks>();
        var page = await App.NewPageAsync();

        await page.GotoAsync("/refer/privacy");
        await App.AssertAccessibleAsync(page, "refer-privacy");

        var missing = await page.GotoAsync("/no-such-page");
        Assert.Equal((int)HttpStatusCode.NotFound, missing?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await App.AssertAccessibleAsync(page, "not-found");

        // A decline link shows its form only while its proposal is open.
        var open = new Match { Id = "m-open", ReferralId = id, MentorId = "ann", ProposedAt = DateTime.UtcNow };
        await App.Store.Matches.TryInsertAsync(id, open.Id, open, MatchProposals.Columns(open), CancellationToken.None);
        await page.GotoAsync($"/m/decline/{links.Create(LinkAction.DeclineMatch, id, open.Id, TimeSpan.FromDays(5))}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Decline this match" })).ToBeVisibleAsync();
        await App.AssertAccessibleAsync(page, "link-decline");

        foreach (var (action, slug) in new[] { (LinkAction.MentorFeedback, "mentor-feedback"), (LinkAction.MenteeFeedback, "mentee-feedback") })
        {
            var subject = action == LinkAction.MentorFeedback ? "mentor" : "mentee";
            await page.GotoAsync($"/m/{slug}/{links.Create(action, id, subject, TimeSpan.FromDays(14))}");
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Did peer support help?" })).ToBeVisibleAsync();
            await App.AssertAccessibleAsync(page, "link-" + slug);
        }

        // The outcome questions on a phone, as first shown and as shown again with a statement left unanswered.
        await App.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Active }, MatchProposals.ReferralColumns, CancellationToken.None);
        var phone = await App.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync($"/m/mentee-outcomes/{links.Create(LinkAction.MenteeOutcomes, id, OutcomeMoment.Start, TimeSpan.FromDays(28))}");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("How you feel as your support starts");
        await App.AssertAccessibleAsync(phone, "link-mentee-outcomes-390");
        await phone.Locator("fieldset").First.GetByLabel("3 – Somewhat").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send answers" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose a number from 1 to 5");
        await App.AssertAccessibleAsync(phone, "link-mentee-outcomes-390-errors");

        var invalid = await page.GotoAsync("/m/checkin/not-a-real-token");
        Assert.Equal((int)HttpStatusCode.NotFound, invalid?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link is not valid");
        await App.AssertAccessibleAsync(page, "link-invalid");
    }

    private async Task<(string Id, string Reference)> ReferAsync()
    {
        using var http = App.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("/api/referrals", new
        {
            schemeId = "foster-mentoring",
            kind = "Self",
            consent = true,
            name = "Alex Reed",
            email = $"alex.{Guid.NewGuid():N}@example.com",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("id").GetString()!, body.GetProperty("reference").GetString()!);
    }

    private async Task<string> MentorAsync()
    {
        using var http = App.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("/api/mentors", new
        {
            schemeId = "foster-mentoring",
            name = "Owen Price",
            email = $"owen.{Guid.NewGuid():N}@example.org",
            capacity = 2,
            postcodeDistrict = "PL4",
            availability = Weekends,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }
}

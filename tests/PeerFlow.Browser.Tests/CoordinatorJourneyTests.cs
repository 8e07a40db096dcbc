using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Records;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>
/// A referral's life through the pages only, as the people in it meet PeerFlow: a coordinator adds a mentor, someone
/// refers themselves, the coordinator assesses and proposes, the mentor accepts and checks in through the links in
/// their emails, and when the sandbox clock moves on the dashboard shows what became overdue.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CoordinatorJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string Scheme = "Foster Carer Mentoring";

    [Fact]
    public async Task FromTheReferralForm_ThroughAssessmentMatchAndCheckIn_ToAnOverdueAlert()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var mentorName = $"Rosa Martin {unique}";
        var mentorEmail = $"rosa.{unique}@example.org";
        var page = await App.NewPageAsync();

        // A coordinator adds a mentor who fits.
        await page.GotoAsync("/mentors");
        await App.AssertAccessibleAsync(page, "mentors");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a mentor" }).ClickAsync();
        await App.AssertAccessibleAsync(page, "mentor-new");
        await page.GetByRole(AriaRole.Radio, new() { Name = Scheme, Exact = true }).CheckAsync();
        await page.GetByLabel("Full name").FillAsync(mentorName);
        await page.GetByLabel("Email address").FillAsync(mentorEmail);
        await page.GetByLabel("Postcode district").FillAsync("EX4");
        await page.GetByRole(AriaRole.Group, new() { Name = "Can they be proposed for new matches?" }).GetByLabel("Yes").CheckAsync();
        await page.GetByLabel("How many families they can support at once").FillAsync("2");
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        await page.GetByLabel("DBS check expires").FillAsync(today.AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Group, new() { Name = "Have they completed the scheme’s training?" }).GetByLabel("Yes").CheckAsync();
        await page.GetByLabel("Weekday evenings").CheckAsync();
        await page.GetByLabel("Interests").FillAsync("walking, art");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add mentor" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(mentorName);
        await App.AssertAccessibleAsync(page, "mentor-profile");

        // Someone refers themselves through the public form.
        var referral = await ReferAsync(page, $"Jamie Fox {unique}", $"jamie.{unique}@example.com");
        var other = await ReferAsync(page, $"Morgan Lee {unique}", $"morgan.{unique}@example.com");

        // The coordinator sees it on the dashboard and opens it.
        await page.GotoAsync("/dashboard");
        var newReferrals = page.Locator("table", new() { Has = page.GetByText("Referrals nobody has contacted yet") });
        await Expect(newReferrals.GetByRole(AriaRole.Link, new() { Name = referral, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#overdue + p")).ToHaveTextAsync("Nothing is overdue.");
        await newReferrals.GetByRole(AriaRole.Link, new() { Name = referral, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(referral);
        // The new workflow publishes its plan moments after the referral arrives; on a busy machine, after the page was drawn.
        await ReloadUntilAsync(page, page.Locator("#next + ol", new() { HasText = "Assessment deadline" }));
        await App.AssertAccessibleAsync(page, "referral-assessment");

        // First contact and the assessment, with what matching needs.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record first contact now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("First contact recorded.");
        await page.GetByLabel("Suitable for peer support").CheckAsync();
        await page.GetByLabel("Postcode district").FillAsync("EX4");
        await page.GetByLabel("Weekday evenings").CheckAsync();
        await page.GetByLabel("Interests").FillAsync("walking");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record assessment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Assessment recorded.");

        // The workflow moves it to matching; the shortlist explains the mentor's place on it.
        var propose = page.GetByRole(AriaRole.Button, new() { Name = $"Propose {mentorName}", Exact = true });
        await ReloadUntilAsync(page, propose);
        await Expect(page.Locator(".candidate", new() { Has = propose })).ToContainTextAsync("Same postcode district");
        await App.AssertAccessibleAsync(page, "referral-shortlist");
        await propose.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Match proposed");

        // The mentor accepts through the link in the proposal email, with no account.
        var accept = await App.WaitForMailAsync(
            m => m.Summary.To.Contains(mentorEmail) && m.Summary.Template == EmailTemplateNames.MatchProposed, "/m/accept\\?t=");
        var mentor = await App.NewPageAsync();
        await mentor.GotoAsync(accept);
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accept this match");
        await Expect(mentor.Locator("main")).Not.ToContainTextAsync("Jamie");
        await App.AssertAccessibleAsync(mentor, "link-accept");
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Accept this match" }).ClickAsync();
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you for accepting");
        await App.AssertAccessibleAsync(mentor, "link-accepted");
        await mentor.GotoAsync(accept);
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link has already been used");
        await App.AssertAccessibleAsync(mentor, "link-used");

        var matched = page.GetByRole(AriaRole.Heading, new() { Level = 1 }).GetByText("Matched");
        await ReloadUntilAsync(page, matched);
        await App.AssertAccessibleAsync(page, "referral-active");
        var referralPage = page.Url;

        // Weeks pass: the mentor gets the check-in reminder and logs a check-in from it, on a phone. The reminder falls at
        // 09:00 London on a working day, so how many days away it is depends on today's date: the page says when.
        var reminder = page.Locator("#next + ol li", new() { HasText = "Check-in reminder to the mentor" });
        await ReloadUntilAsync(page, reminder);
        var reminderAt = await reminder.Locator("time").GetAttributeAsync("datetime");
        var sandboxNow = await page.Locator(".sandbox time").GetAttributeAsync("datetime");
        var daysAway = (DateTimeOffset.Parse(reminderAt!, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(sandboxNow!, CultureInfo.InvariantCulture)).TotalDays;
        await MoveClockAsync(page, (int)Math.Ceiling(daysAway));
        var checkIn = await App.WaitForMailAsync(
            m => m.Summary.To.Contains(mentorEmail) && m.Summary.Template == EmailTemplateNames.CheckInReminder, "/m/checkin\\?t=");
        await mentor.SetViewportSizeAsync(390, 844);
        await mentor.GotoAsync(checkIn);
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Log a check-in");
        await App.AssertAccessibleAsync(mentor, "link-checkin");
        await mentor.GetByLabel("Amber – some worries").CheckAsync();
        await mentor.GetByRole(AriaRole.Group, new() { Name = "Have you met since your last check-in?" }).GetByLabel("Yes").CheckAsync();
        await mentor.GetByLabel("Notes for your coordinator").FillAsync("Busy month; we met twice.");
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Send check-in" }).ClickAsync();
        await Expect(mentor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check-in sent");

        await page.GotoAsync(referralPage);
        await Expect(page.Locator("#checkins + .table-wrap")).ToContainTextAsync("Busy month; we met twice.");
        await Expect(page.Locator("#timeline + ol")).ToContainTextAsync("Check-in logged (Amber)");

        // The dashboard: the other referral's assessment is overdue, and the match shows amber from its check-in.
        await page.GotoAsync("/dashboard");
        var overdue = page.Locator("table", new() { Has = page.GetByText("Overdue items, assessments first") });
        var row = overdue.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = other, Exact = true }) });
        await Expect(row).ToContainTextAsync("Assessment overdue");
        var active = page.Locator("table", new() { Has = page.GetByText("Active matches, red first") });
        await Expect(active.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = referral, Exact = true }) }))
            .ToContainTextAsync("Last check-in was amber");
        await App.AssertAccessibleAsync(page, "dashboard");

        var stored = (await App.Store.Referrals.GetAsync((await App.Store.References.FindAsync(referral, CancellationToken.None))!, "", CancellationToken.None))!.Value;
        Assert.Equal(ReferralStage.Active, stored.Stage);
        Assert.Equal(RagStatus.Amber, stored.LastRag);
    }

    /// <summary>Fills in the self-referral form and returns the reference the confirmation page shows.</summary>
    private static async Task<string> ReferAsync(IPage page, string name, string email)
    {
        await page.GotoAsync("/refer/self");
        await page.GetByRole(AriaRole.Radio, new() { Name = Scheme, Exact = true }).CheckAsync();
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("First half of postcode").FillAsync("EX4 2AB");
        await page.GetByLabel("I agree to this referral").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Referral sent");
        var reference = Reference().Match(await page.Locator(".panel").InnerTextAsync());
        Assert.True(reference.Success, "No reference on the confirmation page.");
        return reference.Value;
    }

    /// <summary>Moves the sandbox clock with the banner's form, as a newcomer would.</summary>
    private static async Task MoveClockAsync(IPage page, int days)
    {
        await page.GotoAsync("/dashboard");
        await page.GetByLabel("Move forward by").FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Moving the clock runs every timer that falls due first: on a loaded machine that takes minutes, not seconds.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move clock" }).ClickAsync(new() { Timeout = (float)TimeSpan.FromMinutes(10).TotalMilliseconds });
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"), new() { Timeout = (float)TimeSpan.FromMinutes(10).TotalMilliseconds });
    }

    /// <summary>The workflow moves a referral on moments after an action; a coordinator refreshes until it has.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator expected)
    {
        var deadline = DateTime.UtcNow + BrowserApp.Timeout;
        while (await expected.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not there after {BrowserApp.Timeout.TotalSeconds:0} s of refreshing {page.Url}.");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    [GeneratedRegex(@"\b[A-Z]+-\d{4}-\d{4,}\b")]
    private static partial Regex Reference();
}

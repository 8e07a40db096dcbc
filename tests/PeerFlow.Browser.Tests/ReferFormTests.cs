using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Records;
using static Microsoft.Playwright.Assertions;

namespace PeerFlow.Browser.Tests;

/// <summary>The public referral form as a person uses it: found from the home page, filled in by its labels.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReferFormTests(BrowserApp app) : BrowserTest(app)
{
    private const string Scheme = "Foster Carer Mentoring";

    [Fact]
    public async Task SelfReferral_FilledInByLabel_IsStored_AndTheConfirmationShowsItsReference()
    {
        var email = $"sam.{Guid.NewGuid():N}@example.com";
        var page = await App.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Make a referral", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ask for peer support");
        await App.AssertAccessibleAsync(page, "refer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Refer yourself", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/refer/self$"));
        await App.AssertAccessibleAsync(page, "refer-self");

        await page.GetByRole(AriaRole.Radio, new() { Name = Scheme, Exact = true }).CheckAsync();
        await page.GetByLabel("Full name").FillAsync("Sam Carter");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("First half of postcode").FillAsync("EX2");
        await page.GetByLabel("Why would you like peer support now?").FillAsync("Newly approved and would value support.");
        await page.GetByLabel("I agree to this referral").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/refer/received/[A-Za-z0-9_-]+\\?t=[A-Za-z0-9_-]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Referral sent");
        var panel = await page.Locator(".panel").InnerTextAsync();
        var reference = Reference().Match(panel);
        Assert.True(reference.Success, $"No reference in the confirmation panel: {panel}");
        await App.AssertAccessibleAsync(page, "refer-received");

        // What the page said is what was stored, and the person is told the same reference by email.
        var id = new Uri(page.Url).Segments[^1];
        var stored = (await App.Store.Referrals.GetAsync(id, "", CancellationToken.None))?.Value;
        Assert.NotNull(stored);
        Assert.Equal(reference.Value, stored.Reference);
        var person = (await App.Store.People.GetAsync(id, nameof(PersonRole.Mentee), CancellationToken.None))?.Value;
        Assert.NotNull(person);
        Assert.Equal("Sam Carter", person.Name);
        Assert.Equal(email, person.Email);
        Assert.Equal("EX2", person.PostcodeDistrict);
        var ack = await App.WaitForMessageAsync(m => m.Summary.To.Contains(email) && m.Summary.Template == EmailTemplateNames.ReferralReceived);
        Assert.Contains(reference.Value, ack.Summary.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfReferral_SentEmpty_SummarisesTheProblemsAtTheTop_AndShowsEachBesideItsField()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/refer/self");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Expect(page).ToHaveURLAsync(new Regex("/refer/self$"));
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        string[] problems =
        [
            "Choose the scheme you are referring to.",
            "Enter your full name.",
            "Give an email address or a phone number so we can make contact.",
            "You need to agree to the referral before we can take it.",
        ];
        foreach (var problem in problems)
        {
            var link = summary.GetByRole(AriaRole.Link, new() { Name = problem, Exact = true });
            await Expect(link).ToHaveCountAsync(1);
            // Each summary link leads to a field on this page.
            var target = await link.GetAttributeAsync("href");
            Assert.StartsWith("#", target, StringComparison.Ordinal);
            await Expect(page.Locator(target!)).ToHaveCountAsync(1);
        }

        var name = page.GetByLabel("Full name");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync(new Regex("Enter your full name\\."));
        var email = page.GetByLabel("Email address");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAccessibleDescriptionAsync(new Regex("Give an email address or a phone number"));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Which scheme would you like support from?" }))
            .ToContainTextAsync("Choose the scheme you are referring to.");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Do you agree to this referral?" }))
            .ToContainTextAsync("You need to agree to the referral before we can take it.");
        await App.AssertAccessibleAsync(page, "refer-self-errors");
    }

    [Fact]
    public async Task ProfessionalReferralForm_IsAccessible()
    {
        var page = await App.NewPageAsync();

        await page.GotoAsync("/refer/professional");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Refer someone for peer support");
        await Expect(page.GetByLabel("Your work email address")).ToHaveAttributeAsync("autocomplete", "work email");
        await App.AssertAccessibleAsync(page, "refer-professional");
    }

    [GeneratedRegex(@"\b[A-Z]+-\d{4}-\d{4,}\b")]
    private static partial Regex Reference();
}

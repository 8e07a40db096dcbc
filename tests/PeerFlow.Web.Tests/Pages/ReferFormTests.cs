using System.Net;
using System.Text.RegularExpressions;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The public referral form over HTTP, as a phone browser without scripts uses it. Workflows start as they would in
/// use; nothing moves them on.
/// </summary>
public class ReferFormTests
{
    private const string Fostering = "foster-mentoring";

    private static List<KeyValuePair<string, string>> SelfReferral(string key) =>
    [
        new("Key", key),
        new("Input.SchemeId", Fostering),
        new("Input.Name", "Sam Taylor"),
        new("Input.Email", "sam.taylor@example.com"),
        new("Input.Phone", ""),
        new("Input.PostcodeDistrict", "EX1"),
        new("Input.ReasonForReferral", "Newly approved and would value support"),
        new("Input.Consent", "yes"),
    ];

    [Fact]
    public async Task EqualityQuestions_AreOptional_AndAnAnswerNotOfferedComesBackWithAMessage()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        Assert.Contains("Foster Carer Mentoring asks these questions", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.EthnicGroup\"", page, StringComparison.Ordinal);

        var fields = SelfReferral(Hidden(page, "Key")!);
        fields.Add(new("Input.EthnicGroup", "Martian"));
        fields.Add(new("Input.AgeBand", "From35To44"));
        var html = await HtmlAsync(await PostAsync(http, "/refer/self", page, fields), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#Input_EthnicGroup\">Choose one of the options listed, or leave the ethnic group out", html, StringComparison.Ordinal);
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));

        fields.RemoveAll(f => f.Key == "Input.EthnicGroup");
        fields.Add(new("Input.EthnicGroup", "Black"));
        SeeOther(await PostAsync(http, "/refer/self", html, fields));
        var referral = Assert.Single(await app.Store.Referrals.ScanAsync(null, CancellationToken.None)).Value;
        var mentee = (await app.Store.People.GetAsync(referral.Id, nameof(PersonRole.Mentee), CancellationToken.None))!.Value;
        Assert.Equal(new Equalities { AgeBand = AgeBand.From35To44, EthnicGroup = EthnicGroup.Black }, mentee.Equalities);
    }

    [Fact]
    public async Task StartPage_ListsTheSchemes_AndLeadsToBothForms_AndThePrivacyNotice()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);

        var start = await GetHtmlAsync(http, "/refer");
        Assert.Contains("Foster Carer Mentoring", start, StringComparison.Ordinal);
        Assert.Contains("Peer Link Adopter Mentoring", start, StringComparison.Ordinal);
        Assert.Contains("href=\"/refer/self\"", start, StringComparison.Ordinal);
        Assert.Contains("href=\"/refer/professional\"", start, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/dashboard\"", start, StringComparison.Ordinal); // public: no staff navigation

        var privacy = await GetHtmlAsync(http, "/refer/privacy");
        Assert.Contains("retention policy", privacy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/refer/somebody")).StatusCode);
    }

    [Fact]
    public async Task SelfForm_CarriesAnAntiforgeryFieldAndAKey_AndAPostWithoutTheTokenIsRefused()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);

        var page = await GetHtmlAsync(http, "/refer/self");

        Assert.False(string.IsNullOrEmpty(Hidden(page, AntiforgeryField)));
        Assert.Matches("^[0-9a-f]{32}$", Hidden(page, "Key"));
        Assert.Contains("name=\"Input.SchemeId\"", page, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"name\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.ReferrerName", page, StringComparison.Ordinal);
        var refused = await PostWithoutTokenAsync(http, "/refer/self", SelfReferral(Hidden(page, "Key")!));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task TextsWanted_NeedAUkMobileAndConsent_SaidOnTheForm_AndTheMobileIsKeptInE164()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        Assert.Contains("name=\"Input.Mobile\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.PreferredChannel\"", page, StringComparison.Ordinal);
        var key = Hidden(page, "Key")!;

        var refused = await HtmlAsync(await PostAsync(http, "/refer/self", page, [.. SelfReferral(key), new("Input.Mobile", "01632 960114"), new("Input.PreferredChannel", "Sms")]), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#Input_Mobile\">Enter a UK mobile number, like 07700 900123 or ", refused, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input_TextConsent\">Tick the box to agree to text messages, or choose email.</a>", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"01632 960114\"", refused, StringComparison.Ordinal);
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));

        var accepted = await PostAsync(http, "/refer/self", refused, [.. SelfReferral(key), new("Input.Mobile", "07700 900123"), new("Input.PreferredChannel", "Sms"), new("Input.TextConsent", "yes")]);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var person = Assert.Single(await app.Store.People.ScanAsync(null, CancellationToken.None)).Value;
        Assert.Equal("+447700900123", person.Mobile);
        Assert.True(person.TextConsent);
        Assert.Equal(Domain.Sms.ContactChannel.Sms, person.PreferredChannel);
    }

    [Fact]
    public async Task UpdatesForTheReferrer_AreAskedOnTheForm_AndTheAnswerIsKeptOnTheReferral()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        Assert.Contains("Send me updates as my referral goes on", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(http, "/refer/self", page, [.. SelfReferral(Hidden(page, "Key")!), new("Input.ReferrerUpdates", "yes")])).StatusCode);
        Assert.True(Assert.Single(await app.Store.Referrals.ScanAsync(null, CancellationToken.None)).Value.ReferrerUpdates);
    }

    [Fact]
    public async Task InvalidPost_ShowsTheFormAgain_WithTheSummaryTheFieldMessagesAndWhatWasTyped_AndStoresNothing()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        var key = Hidden(page, "Key")!;
        var fields = SelfReferral(key)
            .Where(f => f.Key is not ("Input.Consent" or "Input.Email" or "Input.Name"))
            .Append(new("Input.Name", " "))
            .ToList();

        var html = await HtmlAsync(await PostAsync(http, "/refer/self", page, fields), HttpStatusCode.OK);

        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        foreach (var (field, message) in new[]
        {
            ("Input_Name", "Enter your full name."),
            ("Input_Email", "Give an email address or a phone number so we can make contact."),
            ("Input_Consent", "You need to agree to the referral before we can take it."),
        })
        {
            Assert.Contains($"<a href=\"#{field}\">{message}</a>", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        // The summary lists the problems in the order of the form's fields.
        Assert.True(
            html.IndexOf("href=\"#Input_Name\"", StringComparison.Ordinal) < html.IndexOf("href=\"#Input_Email\"", StringComparison.Ordinal)
            && html.IndexOf("href=\"#Input_Email\"", StringComparison.Ordinal) < html.IndexOf("href=\"#Input_Consent\"", StringComparison.Ordinal),
            "The error summary is not in form order.");

        Assert.Contains("value=\"EX1\"", html, StringComparison.Ordinal);
        Assert.Contains(">Newly approved and would value support</textarea>", html, StringComparison.Ordinal);
        Assert.Matches("checked=\"checked\"[^>]*value=\"foster-mentoring\"", html); // attributes come in name order
        Assert.Equal(key, Hidden(html, "Key"));
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
    }

    [Theory]
    [InlineData("/refer/self")]
    [InlineData("/refer/professional")]
    public async Task BothForms_HaveAnEmptyHoneypot_ThatPeopleCannotReach(string url)
    {
        await using var app = new ApiApp();
        using var http = Browser(app);

        var page = await GetHtmlAsync(http, url);

        var input = Assert.Single(Inputs(page, Web.Pages.Refer.Honeypot.Field));
        Assert.Contains("tabindex=\"-1\"", input, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"off\"", input, StringComparison.Ordinal);
        Assert.DoesNotMatch("value=\"[^\"]", input);
        Assert.Matches("<div class=\"visually-hidden\" aria-hidden=\"true\">\\s*<label for=\"website\">", page);
    }

    [Fact]
    public async Task AFilledHoneypot_StoresAndSendsNothing_AndTheFormComesBackToSendAgain()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        var fields = SelfReferral(Hidden(page, "Key")!);

        var html = await HtmlAsync(await PostAsync(http, "/refer/self", page, [.. fields, new(Web.Pages.Refer.Honeypot.Field, "http://spam.example")]), HttpStatusCode.OK);

        Assert.Contains(Web.Pages.Refer.Honeypot.Message, html, StringComparison.Ordinal);
        Assert.Contains("value=\"Sam Taylor\"", html, StringComparison.Ordinal);
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.People.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Mail.ListAsync(cancellationToken: CancellationToken.None));

        // A person whose browser filled it gets through on the next try: the form comes back with it empty.
        SeeOther(await PostAsync(http, "/refer/self", html, fields));
        Assert.Single(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ValidSelfReferral_RedirectsToTheConfirmation_WithTheReferenceOnly_AndTheSameKeyTwiceMakesOneReferral()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        var fields = SelfReferral(Hidden(page, "Key")!);

        var location = SeeOther(await PostAsync(http, "/refer/self", page, fields));
        var again = SeeOther(await PostAsync(http, "/refer/self", page, fields)); // a double click, or a retry after a lost answer

        var id = Assert.Single(Regex.Match(location, "^/refer/received/(?<id>r[0-9a-f]{16})\\?t=[A-Za-z0-9_-]+$").Groups["id"].Captures).Value;
        Assert.StartsWith($"/refer/received/{id}?t=", again, StringComparison.Ordinal);
        var referral = Assert.Single(await app.Store.Referrals.ScanAsync(null, CancellationToken.None)).Value;
        Assert.Equal(id, referral.Id);
        Assert.Equal(ReferralKind.Self, referral.Kind);
        Assert.Null(referral.ReferrerSector);
        Assert.True(referral.ConsentGiven);
        Assert.False(referral.Urgent);
        var mentee = Assert.Single(await app.Store.People.PartitionAsync(id, CancellationToken.None)).Value;
        Assert.Equal(PersonRole.Mentee, mentee.Role);
        Assert.Equal("Sam Taylor", mentee.Name);
        Assert.Equal("EX1", mentee.PostcodeDistrict);
        Assert.Null(mentee.Equalities); // optional: none given, none kept
        Assert.NotNull(await app.Workflows.GetStatusAsync(id));

        var received = await GetHtmlAsync(http, location);

        // The page opens only with the token the form gave: not from the id alone, nor with a tampered token.
        await GetHtmlAsync(http, "/refer/received/" + id, HttpStatusCode.NotFound);
        await GetHtmlAsync(http, "/refer/received/" + id + "?t=x" + location[(location.IndexOf("?t=", StringComparison.Ordinal) + 3)..], HttpStatusCode.NotFound);
        Assert.Contains("Referral sent", received, StringComparison.Ordinal);
        Assert.Matches(@"^FCM-\d{4}-\d{4}$", referral.Reference);
        Assert.Contains(referral.Reference, received, StringComparison.Ordinal);
        Assert.Contains("Foster Carer Mentoring", received, StringComparison.Ordinal);
        Assert.Contains("within 10 working days", received, StringComparison.Ordinal);
        foreach (var personal in new[] { "Sam", "Taylor", "sam.taylor@example.com", "EX1", "Newly approved" })
        {
            Assert.DoesNotContain(personal, received, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProfessionalReferral_NeedsTheReferrersNameAndWorkEmail_ThenStoresBothPeople()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/professional");
        Assert.Contains("name=\"Input.ReferrerEmail\"", page, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"off\"", page, StringComparison.Ordinal); // the referred person's details are not the referrer's to autofill
        var fields = SelfReferral(Hidden(page, "Key")!)
            .Where(f => f.Key != "Input.SchemeId")
            .Append(new("Input.SchemeId", "peer-link"))
            .Append(new("Input.Urgent", "yes"))
            .ToList();

        var html = await HtmlAsync(await PostAsync(http, "/refer/professional", page, fields), HttpStatusCode.OK);

        Assert.Contains("<a href=\"#Input_ReferrerName\">Enter your name.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input_ReferrerEmail\">Enter your work email address.</a>", html, StringComparison.Ordinal);
        Assert.Contains("Choose the kind of service you work in.", html, StringComparison.Ordinal);
        Assert.Matches("checked=\"checked\"[^>]*name=\"Input.Urgent\"", html); // the urgent box stays ticked
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));

        fields.Add(new("Input.ReferrerName", "Pat Social"));
        fields.Add(new("Input.ReferrerEmail", "pat.social@example.gov.uk"));
        fields.Add(new("Input.ReferrerOrganisation", "Adoption team, social worker"));
        fields.Add(new("Input.ReferrerSector", "Fire brigade"));
        html = await HtmlAsync(await PostAsync(http, "/refer/professional", html, fields), HttpStatusCode.OK);
        Assert.Contains("Choose one of the kinds of service listed", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Pat Social\"", html, StringComparison.Ordinal); // nothing typed is lost
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));

        fields.RemoveAll(f => f.Key == "Input.ReferrerSector");
        fields.Add(new("Input.ReferrerSector", "Education"));
        var location = SeeOther(await PostAsync(http, "/refer/professional", html, fields));

        var referral = Assert.Single(await app.Store.Referrals.ScanAsync(null, CancellationToken.None)).Value;
        Assert.Equal(ReferralKind.Professional, referral.Kind);
        Assert.Equal(ReferrerSector.Education, referral.ReferrerSector);
        Assert.True(referral.Urgent);
        var people = (await app.Store.People.PartitionAsync(referral.Id, CancellationToken.None)).Select(p => p.Value).ToList();
        Assert.Equal("Pat Social", Assert.Single(people, p => p.Role == PersonRole.Referrer).Name);
        Assert.Equal("Adoption team, social worker", Assert.Single(people, p => p.Role == PersonRole.Referrer).Organisation);
        var received = await GetHtmlAsync(http, location);
        Assert.Contains("within 2 working days", received, StringComparison.Ordinal); // urgent: the scheme's shorter deadline
        Assert.DoesNotContain("Pat", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedForm_GetsAPageSayingSo_AndStoresNothing()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var page = await GetHtmlAsync(http, "/refer/self");
        var fields = SelfReferral(Hidden(page, "Key")!);
        fields.Add(new("Input.ReasonForReferral", new string('x', 100_000)));

        var html = await HtmlAsync(await PostAsync(http, "/refer/self", page, fields), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("<h1>That was too much to send</h1>", html, StringComparison.Ordinal);
        Assert.Empty(await app.Store.People.ScanAsync(null, CancellationToken.None));
    }

    [Theory]
    [InlineData("/refer/received/r0000000000000000")]
    [InlineData("/refer/received/not%20an%20id%23")]
    public async Task UnknownConfirmation_IsA404Page(string url)
    {
        await using var app = new ApiApp();
        using var http = Browser(app);

        var html = await GetHtmlAsync(http, url, HttpStatusCode.NotFound);

        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
    }
}

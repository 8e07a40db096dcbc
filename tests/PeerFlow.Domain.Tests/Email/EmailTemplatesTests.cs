using System.Reflection;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Tests.Email;

public class EmailTemplatesTests
{
    [Fact]
    public void Every_named_template_is_embedded_and_nothing_else_is()
    {
        Assert.Equal(EmailTemplateNames.All.Order(StringComparer.Ordinal), EmailTemplates.Names);
    }

    [Theory]
    [MemberData(nameof(SampleModels.Names), MemberType = typeof(SampleModels))]
    public void Every_template_renders_html_and_text_with_its_model(string template)
    {
        var email = EmailTemplates.Render(template, SampleModels.All[template]);

        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain('\n', email.Subject);
        foreach (var part in new[] { email.Subject, email.Html, email.Text })
        {
            Assert.DoesNotContain("{{", part, StringComparison.Ordinal);
            Assert.DoesNotContain("{%", part, StringComparison.Ordinal);
            Assert.DoesNotContain("}}", part, StringComparison.Ordinal);
        }

        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en-GB\"", email.Html, StringComparison.Ordinal);
        Assert.Contains($"<title>{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(email.Subject)}</title>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<", email.Text, StringComparison.Ordinal);
        Assert.Contains("automated email from PeerFlow", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_member_fails_with_a_message_naming_it()
    {
        var ex = Assert.Throws<EmailTemplateException>(() =>
            EmailTemplates.Render(EmailTemplateNames.ReferralReceived, new { RecipientFirstName = "Priya", Reference = "FC-1" }));

        Assert.Contains("referral-received", ex.Message, StringComparison.Ordinal);
        Assert.Contains("scheme_name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_model_member_fails_with_a_message_naming_it()
    {
        var model = new SafeguardingAlertModel("Sam", null!, DateTimeOffset.UnixEpoch, SampleModels.Url);

        var ex = Assert.Throws<EmailTemplateException>(() => EmailTemplates.Render(EmailTemplateNames.SafeguardingAlert, model));

        Assert.Contains("SafeguardingAlertModel.Reference", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_template_fails_and_lists_the_known_ones()
    {
        var ex = Assert.Throws<EmailTemplateException>(() => EmailTemplates.Render("no-such-email", new { }));

        Assert.Contains("no-such-email", ex.Message, StringComparison.Ordinal);
        Assert.Contains(EmailTemplateNames.SafeguardingAlert, ex.Message, StringComparison.Ordinal);
        Assert.Throws<EmailTemplateException>(() => EmailTemplates.Render("_layout", new { }));
    }

    [Fact]
    public void The_first_meeting_notice_speaks_of_the_first_meeting_not_of_a_check_in()
    {
        var email = EmailTemplates.Render(EmailTemplateNames.FirstMeetingOverdue, SampleModels.All[EmailTemplateNames.FirstMeetingOverdue]);

        Assert.StartsWith("First meeting not yet recorded", email.Subject, StringComparison.Ordinal);
        Assert.Contains("first meeting by", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("check-in that was due", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("مريم")]
    [InlineData("王小明")]
    [InlineData("Zoë Łukasz")]
    public void Names_in_any_script_are_written_as_characters_in_html_not_numeric_entities(string name)
    {
        var model = new ReferralReceivedModel(name, "R-1", "Scheme", "Org", 5);

        var email = EmailTemplates.Render(EmailTemplateNames.ReferralReceived, model);

        Assert.Contains(name, email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_values_are_html_encoded_in_html_and_left_alone_in_text()
    {
        var model = new ReferralReceivedModel("<b>Ann</b> & co", "R-1", "Scheme", "Org", 5);

        var email = EmailTemplates.Render(EmailTemplateNames.ReferralReceived, model);

        Assert.Contains("&lt;b&gt;Ann&lt;/b&gt; &amp; co", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Ann</b>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Hello <b>Ann</b> & co,", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_email_names_who_to_contact_and_how_in_both_parts_and_an_unsigned_one_does_not()
    {
        var model = new ReferralReceivedModel("Ann", "R-1", "Scheme", "Org", 5);
        var signature = new EmailSignature("Priya O'Neil", "coordinator of Foster Carer Mentoring", "fc@example.org", "01632 960 114");

        var signed = EmailTemplates.Render(EmailTemplateNames.ReferralReceived, model, signature);
        var unsigned = EmailTemplates.Render(EmailTemplateNames.ReferralReceived, model);
        var noPhone = EmailTemplates.Render(EmailTemplateNames.ReferralReceived, model, signature with { Phone = "" });

        Assert.Contains("Questions? Contact Priya O'Neil, coordinator of Foster Carer Mentoring: 01632 960 114 or fc@example.org", signed.Text, StringComparison.Ordinal);
        Assert.Contains("Replies to it are not read: write to fc@example.org instead.", signed.Text, StringComparison.Ordinal);
        Assert.Contains("Priya O&#x27;Neil", signed.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:fc@example.org\"", signed.Html, StringComparison.Ordinal);
        Assert.Contains("Contact Priya O'Neil, coordinator of Foster Carer Mentoring: fc@example.org", noPhone.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Questions? Contact", unsigned.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", unsigned.Html, StringComparison.Ordinal);
        Assert.Contains("Replies to it are not read.", unsigned.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_appear_whole_in_text_and_attribute_encoded_in_html()
    {
        var email = EmailTemplates.Render(EmailTemplateNames.SafeguardingAlert, SampleModels.All[EmailTemplateNames.SafeguardingAlert]);

        Assert.Contains(SampleModels.Url, email.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://peerflow.example/links/123.abc_DEF-ghi?x=1&amp;y=2\"", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_are_shown_in_UK_English_in_Europe_London()
    {
        var model = new ReferralReceivedCoordinatorModel("Jo", "R-1", "Scheme", false, new DateTimeOffset(2026, 7, 1, 13, 30, 0, TimeSpan.Zero), SampleModels.Url);
        var winter = new FeedbackRequestModel("Jo", "Scheme", SampleModels.Url, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

        Assert.Contains("Wednesday 1 July 2026 at 2:30pm", EmailTemplates.Render(EmailTemplateNames.ReferralReceivedCoordinator, model).Text, StringComparison.Ordinal);
        Assert.Contains("Monday 5 January 2026 at 9am", EmailTemplates.Render(EmailTemplateNames.FeedbackRequest, winter).Text, StringComparison.Ordinal);
        Assert.Contains("June 2026", EmailTemplates.Render(EmailTemplateNames.MonthlyReport, SampleModels.All[EmailTemplateNames.MonthlyReport]).Subject, StringComparison.Ordinal);
        Assert.Contains("Friday 3 July 2026", EmailTemplates.Render(EmailTemplateNames.AssessmentReminder, SampleModels.All[EmailTemplateNames.AssessmentReminder]).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Urgent_referrals_say_so_in_the_subject()
    {
        var urgent = (ReferralReceivedCoordinatorModel)SampleModels.All[EmailTemplateNames.ReferralReceivedCoordinator];

        Assert.StartsWith("URGENT: new referral FC-2026-0042", EmailTemplates.Render(EmailTemplateNames.ReferralReceivedCoordinator, urgent).Subject, StringComparison.Ordinal);
        Assert.StartsWith("New referral FC-2026-0042", EmailTemplates.Render(EmailTemplateNames.ReferralReceivedCoordinator, urgent with { Urgent = false }).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_confirmed_speaks_to_the_mentee_and_to_the_mentor()
    {
        var toMentee = (MatchConfirmedModel)SampleModels.All[EmailTemplateNames.MatchConfirmed];

        Assert.Contains("Their name is Alex.", EmailTemplates.Render(EmailTemplateNames.MatchConfirmed, toMentee).Text, StringComparison.Ordinal);
        var toMentor = EmailTemplates.Render(EmailTemplateNames.MatchConfirmed, toMentee with { RecipientFirstName = "Alex", RecipientIsMentor = true, OtherFirstName = "Priya" });
        Assert.Contains("Thank you for agreeing to support Priya", toMentor.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_referrer_update_gives_the_reference_and_the_stage_and_speaks_to_a_self_referrer_as_such()
    {
        var matched = EmailTemplates.Render(EmailTemplateNames.ReferrerUpdate, new ReferrerUpdateModel("Sam", "FC-2026-0042", "Foster Carer Mentoring", "matched", false));
        Assert.Equal("Referral FC-2026-0042: a mentor is matched", matched.Subject);
        Assert.Contains("the referral you made to Foster Carer Mentoring", matched.Text, StringComparison.Ordinal);
        Assert.Contains("A mentor has been matched", matched.Text, StringComparison.Ordinal);

        var closed = EmailTemplates.RenderText(EmailTemplateNames.ReferrerUpdate, new ReferrerUpdateModel("Robin", "FC-2026-0042", "Foster Carer Mentoring", "closed", true));
        Assert.Equal("Robin, an update on referral FC-2026-0042 (Foster Carer Mentoring): the referral has closed.", closed);
        var assessed = EmailTemplates.Render(EmailTemplateNames.ReferrerUpdate, new ReferrerUpdateModel("Robin", "FC-2026-0042", "Foster Carer Mentoring", "assessed", true));
        Assert.Contains("This is about your referral", assessed.Text, StringComparison.Ordinal);
        Assert.Contains("looking for a suitable mentor", assessed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_shows_the_coordinators_shared_description_only_when_there_is_one()
    {
        var model = new MatchProposedModel("Alex", "Foster Carer Mentoring", "FC-2026-0042", "Jo", "https://x/a", "https://x/d", DateTimeOffset.UnixEpoch.AddYears(56));
        var without = EmailTemplates.Render(EmailTemplateNames.MatchProposed, model);
        Assert.DoesNotContain("About the family", without.Text, StringComparison.Ordinal);

        var with = EmailTemplates.Render(EmailTemplateNames.MatchProposed, model with { SharedDescription = "Newly approved carers of a sibling group, keen walkers." });
        Assert.Contains("ABOUT THE FAMILY", with.Text, StringComparison.Ordinal);
        Assert.Contains("Newly approved carers of a sibling group, keen walkers.", with.Text, StringComparison.Ordinal);
        Assert.Contains("Newly approved carers of a sibling group, keen walkers.", with.Html, StringComparison.Ordinal);
    }

    /// <summary>A guard for the data-protection rule: models carry first names, references, dates and links only.</summary>
    [Fact]
    public void No_email_model_has_room_for_health_details_narrative_or_contact_details_of_the_other_person()
    {
        string[] forbidden = ["Narrative", "Health", "Concern", "Notes", "Details", "Address", "Phone", "Surname", "LastName", "Postcode", "Description"];
        // The layout's own model is left out: its contact is the scheme's coordinator at work (EmailSignature), never a family's.
        var models = typeof(EmailTemplates).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(EmailTemplates).Namespace && t.Name.EndsWith("Model", StringComparison.Ordinal) && t.DeclaringType != typeof(EmailTemplates));

        // One exception, on purpose: the words the coordinator wrote for a proposed mentor to read (issue 18).
        string[] chosenForSharing = ["MatchProposedModel.SharedDescription"];
        var offending = models.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => forbidden.Any(f => p.Name.Contains(f, StringComparison.OrdinalIgnoreCase)) && !chosenForSharing.Contains($"{p.DeclaringType!.Name}.{p.Name}"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        Assert.Empty(offending);
        Assert.Equal(["RecipientFirstName", "Reference", "RaisedAt", "ReferralUrl"], typeof(SafeguardingAlertModel).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract"));
    }
}

using PeerFlow.Domain.Email;
using PeerFlow.Domain.Sms;
using PeerFlow.Domain.Tests.Email;

namespace PeerFlow.Domain.Tests.Sms;

public class ChannelChoiceTests
{
    private const string Mobile = "+447700900123";

    [Theory]
    [InlineData(ContactChannel.Email, true, true, true, false)]
    [InlineData(ContactChannel.Sms, true, true, false, true)]
    [InlineData(ContactChannel.Both, true, true, true, true)]
    [InlineData(ContactChannel.Sms, false, true, true, false)] // no consent: email after all
    [InlineData(ContactChannel.Sms, true, false, true, false)] // the scheme sends no texts: email
    public void ATextGoesOnlyWithConsent_AMobile_AndTheSchemesTextsOn(ContactChannel preferred, bool consent, bool schemeTexts, bool email, bool text)
    {
        Assert.Equal((email, text), new TextPreferences(Mobile, consent, preferred).Choose(schemeTexts, hasEmail: true));
    }

    [Fact]
    public void WithoutAnEmailAddress_NoEmail_AndATextIfAllowed()
    {
        Assert.Equal((false, true), new TextPreferences(Mobile, true, ContactChannel.Sms).Choose(true, hasEmail: false));
        Assert.Equal((false, false), new TextPreferences(null, true, ContactChannel.Sms).Choose(true, hasEmail: false));
    }

    [Theory]
    [MemberData(nameof(TextNames))]
    public void EveryTextVersion_RendersFromTheEmailsModel_NamesItsRecipient_AndKeepsItsWordsShort(string template)
    {
        var signature = new EmailSignature("Priya Shah", "coordinator of Foster Carer Mentoring", "fostering.coordinator@example.org", "01632 960 114");
        var text = EmailTemplates.RenderText(template, SampleModels.All[template], signature);

        Assert.DoesNotContain('\n', text);
        Assert.InRange(TwilioSmsSender.WordsLength(text), 1, TwilioSmsSender.MaxLength);
        Assert.Contains(((dynamic)SampleModels.All[template]).RecipientFirstName, text, StringComparison.Ordinal);
        Assert.EndsWith("Questions: Priya Shah, 01632 960 114", text, StringComparison.Ordinal);
    }

    public static TheoryData<string> TextNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in EmailTemplateNames.All.Where(EmailTemplates.HasText))
        {
            data.Add(name);
        }

        return data;
    }
}

using System.Net;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Sms;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>A notice's failed messages, by channel: staff read which channel failed, and only final failures end the tries.</summary>
public class NoticeFailureTests
{
    [Fact]
    public void AFailedEmailBesideARefusedText_IsTriedAgain_AndTheReasonNamesEachChannel()
    {
        var failure = NoticeFailure.Of(new NoticeChannelException(
        [
            new ChannelFailure("email", "coordinator", new SendGridRequestException(HttpStatusCode.InternalServerError, "500")),
            new ChannelFailure("text", "mentor", new TwilioRequestException(HttpStatusCode.BadRequest, "400")),
        ]));

        Assert.False(failure.Permanent);
        Assert.Equal("email: SendGrid answered 500; text: Twilio refused the text to the mentor (400)", failure.Reason);
    }

    [Fact]
    public void OnlyRefusalsLeft_AreFinal()
    {
        var failure = NoticeFailure.Of(new NoticeChannelException(
        [
            new ChannelFailure("text", "mentee", new TwilioRequestException(HttpStatusCode.BadRequest, "400")),
            new ChannelFailure("email", "mentee", new SendGridRequestException(HttpStatusCode.BadRequest, "400")),
        ]));

        Assert.True(failure.Permanent);
        Assert.Equal("text: Twilio refused the text to the mentee (400); email: SendGrid refused the email to the mentee (400)", failure.Reason);
    }

    [Fact]
    public void ThrottledTexts_WaitAsLongAsTwilioAsks_AndAMissingAccountPasses()
    {
        var limited = NoticeFailure.Of(new NoticeChannelException(
            [new ChannelFailure("text", "lead", new TwilioRequestException(HttpStatusCode.TooManyRequests, "429", TimeSpan.FromMinutes(3)))]));
        Assert.Equal(TimeSpan.FromMinutes(3), limited.RetryAfter);
        Assert.False(limited.Permanent);

        var unset = NoticeFailure.Of(new NoticeChannelException([new ChannelFailure("text", "lead", new SmsNotConfiguredException("not set"))]));
        Assert.False(unset.Permanent);
        Assert.StartsWith("text: Twilio is not set up", unset.Reason, StringComparison.Ordinal);
    }
}

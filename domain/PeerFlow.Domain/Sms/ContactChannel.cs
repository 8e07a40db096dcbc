namespace PeerFlow.Domain.Sms;

/// <summary>How a person wants PeerFlow's messages: by email (the default), by text, or both.</summary>
public enum ContactChannel
{
    Email,
    Sms,
    Both,
}

/// <summary>What a person (mentee, referrer or mentor) said about texts; collected at intake and on the mentor form.</summary>
public sealed record TextPreferences(string? Mobile, bool TextConsent, ContactChannel Preferred)
{
    public static TextPreferences EmailOnly { get; } = new(null, false, ContactChannel.Email);

    /// <summary>
    /// The channels a message to this person goes by: a text only with a mobile, their consent and the scheme's
    /// texts on; email when they want it, or as the way left when a text cannot go, and never without an address.
    /// </summary>
    public (bool Email, bool Text) Choose(bool schemeTexts, bool hasEmail)
    {
        var text = schemeTexts && TextConsent && Mobile is { Length: > 0 } && Preferred is ContactChannel.Sms or ContactChannel.Both;
        var email = hasEmail && (Preferred is ContactChannel.Email or ContactChannel.Both || !text);
        return (email, text);
    }
}

namespace PeerFlow.Domain.Sms;

/// <summary>
/// A scheme's text-message settings from the organisation file ("texts": { "enabled": true, "quietFrom": "21:00",
/// "quietUntil": "08:00" }). Off unless the file turns them on: a scheme decides to text people, PeerFlow does not.
/// </summary>
public sealed record SchemeTexts
{
    public bool Enabled { get; init; }

    /// <summary>London time, "HH:mm": from then no text that can wait is sent.</summary>
    public string QuietFrom { get; init; } = "21:00";

    /// <summary>London time, "HH:mm": texts held overnight go then.</summary>
    public string QuietUntil { get; init; } = "08:00";

    public QuietHours Quiet => QuietHours.TryParse(QuietFrom, QuietUntil, out var quiet) ? quiet : QuietHours.Default;

    /// <summary>Start-up check: a quiet time that is not a time of day stops the app, naming the scheme.</summary>
    public static void Validate(string schemeId, SchemeTexts? texts)
    {
        if (texts is not null && !QuietHours.TryParse(texts.QuietFrom, texts.QuietUntil, out _))
        {
            throw new InvalidOperationException($"Scheme {schemeId}: texts.quietFrom and texts.quietUntil must be times of day like \"21:00\".");
        }
    }
}

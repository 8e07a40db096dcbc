namespace PeerFlow.Web.Rendering;

/// <summary>Words mentors' and families' records must share for the matcher to compare them.</summary>
public static class Vocabulary
{
    /// <summary>Availability slots: the matcher compares them as tags, so the mentor form and the assessment use these.</summary>
    public static IReadOnlyList<Choice> Availability { get; } =
    [
        new("weekday-daytime", "Weekday daytimes"),
        new("weekday-evening", "Weekday evenings"),
        new("weekend", "Weekends"),
    ];
}

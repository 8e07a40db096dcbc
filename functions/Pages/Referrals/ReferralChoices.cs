using PeerFlow.Functions.Web;

namespace PeerFlow.Functions.Pages.Referrals;

/// <summary>The fixed answers of the referral page's forms.</summary>
public static class ReferralChoices
{
    public static IReadOnlyList<Choice> Outcomes { get; } =
    [
        new("Suitable", "Suitable for peer support", "Goes on to matching with a mentor."),
        new("Deferred", "Not now: get back in touch later", "Give a re-contact date."),
        new("NotSuitable", "Not suitable", "Say where the person was signposted."),
        new("Withdrawn", "Withdrawn", "The person no longer wants support."),
    ];

    public static IReadOnlyList<Choice> Availability => Vocabulary.Availability;

    public static IReadOnlyList<Choice> YesNo { get; } = [new("yes", "Yes"), new("no", "No")];

    public static IReadOnlyList<Choice> Rag { get; } =
    [
        new("Green", "Green: going well"),
        new("Amber", "Amber: some worries"),
        new("Red", "Red: serious problems", "The coordinator will follow up."),
    ];

    public static IReadOnlyList<Choice> BreakdownReasons { get; } =
    [
        new("relationship", "The relationship did not work"),
        new("mentor-unavailable", "The mentor can no longer continue"),
        new("family-disengaged", "The family stopped taking part"),
        new("other", "Another reason"),
    ];

    public static IReadOnlyList<Choice> ClosureReasons { get; } =
    [
        new("planned-end", "Support came to its planned end"),
        new("withdrawn", "The person withdrew"),
        new("no-contact", "We could not make contact"),
        new("moved-away", "The person moved away"),
        new("other", "Another reason"),
    ];
}

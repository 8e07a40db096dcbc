using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

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

    public static IReadOnlyList<Choice> RaiseConcern { get; } = [new("yes", "The notes describe a safeguarding concern", "Raised as a high-severity concern with this check-in, in one step.")];

    public static IReadOnlyList<Choice> Severities { get; } =
    [
        new("High", "High: someone may be at risk of harm now"),
        new("Medium", "Medium: needs action within days"),
        new("Low", "Low: to keep an eye on"),
    ];

    public static IReadOnlyList<Choice> ContactKinds { get; } =
    [
        new("Phone", "Phone call"),
        new("Visit", "Visit"),
        new("Message", "Message (text, WhatsApp)"),
        new("Email", "Email"),
        new("Meeting", "Meeting"),
    ];

    public static IReadOnlyList<Choice> YesNo { get; } = [new("yes", "Yes"), new("no", "No")];

    public static IReadOnlyList<Choice> Rag { get; } =
    [
        new("Green", "Green: going well"),
        new("Amber", "Amber: some worries"),
        new("Red", "Red: serious problems", "The coordinator will follow up."),
    ];

    /// <summary>The default breakdown reasons, for a scheme that does not configure its own.</summary>
    public static IReadOnlyList<Choice> BreakdownReasons { get; } = Choices(ReasonCodes.Breakdown);

    /// <summary>The default closure reasons, for a scheme that does not configure its own.</summary>
    public static IReadOnlyList<Choice> ClosureReasons { get; } = Choices(ReasonCodes.Closure);

    /// <summary>The breakdown reasons of the referral's scheme.</summary>
    public static IReadOnlyList<Choice> BreakdownReasonsOf(Scheme? scheme) => Choices(ReasonCodes.BreakdownFor(scheme));

    /// <summary>The closure reasons of the referral's scheme.</summary>
    public static IReadOnlyList<Choice> ClosureReasonsOf(Scheme? scheme) => Choices(ReasonCodes.ClosureFor(scheme));

    private static Choice[] Choices(IReadOnlyList<Reason> reasons) => [.. reasons.Select(r => new Choice(r.Code, r.Label))];
}

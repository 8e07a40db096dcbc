using System.Text.RegularExpressions;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.Domain.Referrals;

/// <summary>One of a scheme's fixed reasons: the code the workflow sees, and the words coordinators choose.</summary>
public sealed record Reason(string Code, string Label);

/// <summary>
/// The fixed reasons a match breaks down or a referral closes. Each scheme has its own lists (configured with the
/// scheme; these defaults otherwise), and <see cref="Other"/> is always among them. Only these codes reach a workflow
/// (and so its history); whatever a coordinator types beyond a code stays in the referral's records.
/// </summary>
public static partial class ReasonCodes
{
    public const string Other = "other";

    public const string OtherLabel = "Another reason";

    public const int MaxCodeLength = 40;

    /// <summary>The breakdown reasons of a scheme that does not configure its own.</summary>
    public static IReadOnlyList<Reason> Breakdown { get; } =
    [
        new("relationship", "The relationship did not work"),
        new("mentor-unavailable", "The mentor can no longer continue"),
        new("family-disengaged", "The family stopped taking part"),
        new(Other, OtherLabel),
    ];

    /// <summary>The closure reasons of a scheme that does not configure its own.</summary>
    public static IReadOnlyList<Reason> Closure { get; } =
    [
        new("planned-end", "Support came to its planned end"),
        new("withdrawn", "The person withdrew"),
        new("no-contact", "We could not make contact"),
        new("moved-away", "The person moved away"),
        new(Other, OtherLabel),
    ];

    /// <summary>The scheme's breakdown reasons: its own, or the defaults; <see cref="Other"/> last when it does not list it.</summary>
    public static IReadOnlyList<Reason> BreakdownFor(Scheme? scheme) => WithOther(scheme?.BreakdownReasons ?? Breakdown);

    /// <summary>The scheme's closure reasons: its own, or the defaults; <see cref="Other"/> last when it does not list it.</summary>
    public static IReadOnlyList<Reason> ClosureFor(Scheme? scheme) => WithOther(scheme?.ClosureReasons ?? Closure);

    /// <summary>
    /// Checks the reasons a scheme configures: each list, when given, has at least one reason; every code is unique,
    /// lowercase words joined by hyphens, at most <see cref="MaxCodeLength"/> characters; every label is given and unique.
    /// </summary>
    /// <exception cref="InvalidOperationException">Naming the scheme, the list and everything wrong with it.</exception>
    public static void Validate(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var problems = Problems("breakdownReasons", scheme.BreakdownReasons).Concat(Problems("closureReasons", scheme.ClosureReasons)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Scheme \"{scheme.Id}\" has reasons that cannot be used: {string.Join("; ", problems)}.");
        }
    }

    /// <summary>
    /// The code for what was given: a known code or label ("planned-end", "Planned end", "Support came to its planned
    /// end"), nothing as <paramref name="absent"/>, and any other text as <see cref="Other"/>, with the text itself
    /// returned as a note to keep in the records.
    /// </summary>
    public static (string Code, string? Note) Read(string? given, IReadOnlyList<Reason> known, string absent)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (string.IsNullOrWhiteSpace(given))
        {
            return (absent, null);
        }

        var trimmed = given.Trim();
        var asCode = string.Join('-', trimmed.ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        var match = known.FirstOrDefault(k => k.Code == asCode || string.Equals(k.Label, trimmed, StringComparison.OrdinalIgnoreCase));
        return match is not null ? (match.Code, null) : (Other, trimmed);
    }

    private static IReadOnlyList<Reason> WithOther(IReadOnlyList<Reason> reasons) =>
        reasons.Any(r => r.Code == Other) ? reasons : [.. reasons, new(Other, OtherLabel)];

    private static IEnumerable<string> Problems(string list, IReadOnlyList<Reason?>? reasons)
    {
        if (reasons is null)
        {
            yield break; // the defaults
        }

        if (reasons.Count == 0)
        {
            yield return $"{list} is empty (leave it out to use the default reasons)";
            yield break;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reasons.Count; i++)
        {
            var reason = reasons[i];
            if (reason is null || string.IsNullOrWhiteSpace(reason.Code))
            {
                yield return $"{list}[{i}] has no code";
                continue;
            }

            if (reason.Code.Length > MaxCodeLength)
            {
                yield return $"{list}: code \"{reason.Code}\" is longer than {MaxCodeLength} characters";
            }

            if (!KebabCase().IsMatch(reason.Code))
            {
                yield return $"{list}: code \"{reason.Code}\" is not lowercase words joined by hyphens (like \"planned-end\")";
            }

            if (!codes.Add(reason.Code))
            {
                yield return $"{list}: code \"{reason.Code}\" is listed more than once";
            }

            if (string.IsNullOrWhiteSpace(reason.Label))
            {
                yield return $"{list}: code \"{reason.Code}\" has no label";
            }
            else if (!labels.Add(reason.Label.Trim()))
            {
                yield return $"{list}: label \"{reason.Label}\" is used more than once";
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();
}

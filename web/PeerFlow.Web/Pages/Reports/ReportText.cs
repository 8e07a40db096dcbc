using System.Globalization;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>The report's codes and numbers in the words and forms a scheme manager reads.</summary>
public static class ReportText
{
    /// <summary>"2.5"; a dash when there was nothing to measure.</summary>
    public static string OneDecimal(double? value) => value is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A change to one decimal place: "0.8", "−0.5" with a true minus sign (read as "minus", and not taken for a
    /// formula by a spreadsheet as a leading hyphen would be), a dash when nothing was measured.
    /// </summary>
    public static string Change(double? value) => value switch
    {
        null => "—",
        < 0 => "\u2212" + (-value.Value).ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
    };

    public static string Outcome(AssessmentOutcome outcome) => outcome switch
    {
        AssessmentOutcome.Suitable => "Suitable for peer support",
        AssessmentOutcome.Deferred => "Deferred: get back in touch later",
        AssessmentOutcome.NotSuitable => "Not suitable",
        _ => "Withdrawn",
    };

    /// <summary>A closure reason in the words of the referral's scheme (see <see cref="ReasonCodes.ClosureFor"/>).</summary>
    public static string ClosureReason(string code, Scheme? scheme) => code switch
    {
        "not-suitable" => "Not suitable for peer support",
        "closed" => "Closed before a match",
        _ => Label(code, ReasonCodes.ClosureFor(scheme), ReasonCodes.Closure),
    };

    /// <summary>A breakdown reason in the words of the match's scheme (see <see cref="ReasonCodes.BreakdownFor"/>).</summary>
    public static string BreakdownReason(string code, Scheme? scheme) => Label(code, ReasonCodes.BreakdownFor(scheme), ReasonCodes.Breakdown);

    /// <summary>"April to October 2026", "April 2026 to January 2027", or one month's name.</summary>
    public static string MonthRange(DateOnly from, DateOnly to) =>
        from == to ? to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : from.Year == to.Year ? $"{from.ToString("MMMM", CultureInfo.InvariantCulture)} to {to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}"
        : $"{from.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} to {to.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>"Jan 2026": short enough to sit under a chart's bar.</summary>
    public static string ShortMonth(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Up to 7 days", "8 to 14 days" (more than 7, up to 14), "Over 21 days".</summary>
    public static string Band(Actions.WaitBand band) => band switch
    {
        { OverDays: 0, UpToDays: { } upTo } => $"Up to {upTo} days",
        { UpToDays: { } upTo } => $"Over {band.OverDays}, up to {upTo} days",
        _ => $"Over {band.OverDays} days",
    };

    /// <summary>"Up to 4 weeks", "Over 4, up to 8 weeks", "Over 12 weeks", for bands of whole weeks in days.</summary>
    public static string WeeksBand(Actions.WaitBand band) => band switch
    {
        { OverDays: 0, UpToDays: { } upTo } => $"Up to {upTo / 7} weeks",
        { UpToDays: { } upTo } => $"Over {band.OverDays / 7}, up to {upTo / 7} weeks",
        _ => $"Over {band.OverDays / 7} weeks",
    };

    /// <summary>A professional's sector as the report names it; referrals of before the form asked are "not recorded".</summary>
    public static string Sector(string code) =>
        ReferrerSectors.TryParse(code, out var sector) ? "A professional: " + ReferrerSectors.Label(sector) : "A professional, sector not recorded";

    public static string FeedbackFrom(string from) => from == "mentee" ? "Mentees and families" : "Mentors";

    /// <summary>"A mentee", "A mentor": who a quote is from, and nothing more.</summary>
    public static string QuoteFrom(string from) => from == "mentee" ? "A mentee" : "A mentor";

    /// <summary>
    /// The scheme's own label; then the default list's, for a code recorded before the scheme configured its own
    /// list; then the code itself, made readable.
    /// </summary>
    private static string Label(string code, IReadOnlyList<Reason> scheme, IReadOnlyList<Reason> defaults) =>
        scheme.FirstOrDefault(r => r.Code == code)?.Label
        ?? defaults.FirstOrDefault(r => r.Code == code)?.Label
        ?? (code == "not-recorded" ? "No reason recorded" : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' '));
}

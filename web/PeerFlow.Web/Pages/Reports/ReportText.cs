using System.Globalization;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Pages.Referrals;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>The report's codes and numbers in the words and forms a scheme manager reads.</summary>
public static class ReportText
{
    /// <summary>"2.5"; a dash when there was nothing to measure.</summary>
    public static string OneDecimal(double? value) => value is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string Outcome(AssessmentOutcome outcome) => outcome switch
    {
        AssessmentOutcome.Suitable => "Suitable for peer support",
        AssessmentOutcome.Deferred => "Deferred: get back in touch later",
        AssessmentOutcome.NotSuitable => "Not suitable",
        _ => "Withdrawn",
    };

    public static string ClosureReason(string code) => code switch
    {
        "not-suitable" => "Not suitable for peer support",
        "closed" => "Closed before a match",
        _ => Known(ReferralChoices.ClosureReasons, code),
    };

    public static string BreakdownReason(string code) => Known(ReferralChoices.BreakdownReasons, code);

    public static string FeedbackFrom(string from) => from == "mentee" ? "Mentees and families" : "Mentors";

    private static string Known(IReadOnlyList<Rendering.Choice> choices, string code) =>
        choices.FirstOrDefault(c => c.Value == code)?.Label
        ?? (code == "not-recorded" ? "No reason recorded" : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' '));
}

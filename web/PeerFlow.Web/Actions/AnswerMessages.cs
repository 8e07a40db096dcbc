using System.Globalization;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Web.Actions;

/// <summary>
/// What a person is told when their answer to a proposal, or their closure, was not the one kept: what was kept
/// instead, in words, so nobody is thanked for something that did not happen.
/// </summary>
public static class AnswerMessages
{
    public static ActionOutcome NotKept(Match? match) => ActionOutcome.NotPossible(Kept(match));

    public static string Kept(Match? match) => (match?.Answer, match?.Status) switch
    {
        (MatchAnswer.Accepted, _) or (null, MatchStatus.Active or MatchStatus.BrokenDown) =>
            "This proposal has already been answered: the match was accepted.",
        (MatchAnswer.Declined, _) or (null, MatchStatus.Declined) =>
            "This proposal has already been answered: it was declined.",
        (MatchAnswer.Withdrawn, _) or (null, MatchStatus.Ended) =>
            "The referral was closed before this answer arrived, so the proposal is no longer open. There is nothing more to do.",
        (MatchAnswer.Expired, _) or (null, MatchStatus.Expired) =>
            "The time to answer this proposal ran out before this answer arrived, so it is no longer open.",
        _ => "This proposal has already been answered, or is no longer open.",
    };

    /// <summary>For a coordinator whose closure lost to the mentor's acceptance.</summary>
    public static ActionOutcome AcceptedFirst(Match match) => ActionOutcome.NotPossible(
        "The mentor accepted the proposal" + (match.AnsweredAt is { } at ? " at " + London(at) : "") +
        ", before this closure, so the match is going ahead. If the referral should still close, close it once the match is active.");

    private static string London(DateTime at) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), UkTime.London).ToString("HH:mm 'on' d MMMM yyyy", CultureInfo.InvariantCulture);
}

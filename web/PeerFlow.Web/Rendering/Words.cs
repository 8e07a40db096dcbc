using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;

namespace PeerFlow.Web.Rendering;

/// <summary>The workflow's codes in the words a coordinator uses; the notices' words come from <see cref="NoticeCatalog"/>.</summary>
public static class Words
{
    /// <summary>What a scheduled item will do when it comes due.</summary>
    public static string Scheduled(string kind) => NoticeCatalog.ScheduledLabel(kind);

    /// <summary>What is due or overdue, for the dashboard's lists.</summary>
    public static string Alert(string kind, bool overdue) => NoticeCatalog.DeadlineLabel(kind, overdue);

    /// <summary>An email template's name as a phrase: "match-proposed" → "match proposed".</summary>
    public static string Template(string template) => template.Replace('-', ' ');

    public static string Stage(ReferralStage stage) => stage switch
    {
        ReferralStage.Assessment => "Awaiting assessment",
        ReferralStage.Deferred => "Deferred",
        ReferralStage.Matching => "Waiting for a match",
        ReferralStage.Active => "Matched",
        ReferralStage.Closing => "Closing",
        _ => "Closed",
    };

    public static string Answer(MatchAnswer answer) => answer switch
    {
        MatchAnswer.Accepted => "the mentor accepted",
        MatchAnswer.Declined => "the mentor declined",
        MatchAnswer.Withdrawn => "withdrawn, as the referral is closing",
        _ => "no answer in time",
    };

    public static string StageTag(ReferralStage stage) => stage switch
    {
        ReferralStage.Assessment => "tag tag--blue",
        ReferralStage.Matching => "tag tag--amber",
        ReferralStage.Active => "tag tag--green",
        _ => "tag",
    };

    public static string RagTag(RagStatus rag) => rag switch
    {
        RagStatus.Red => "tag tag--red",
        RagStatus.Amber => "tag tag--amber",
        _ => "tag tag--green",
    };

    /// <summary>A lifecycle notice by its code, as its timeline line reads.</summary>
    public static string Notice(string code) => NoticeCatalog.TimelineOf(code);
}

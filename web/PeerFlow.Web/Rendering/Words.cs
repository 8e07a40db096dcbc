using PeerFlow.Domain.Records;

namespace PeerFlow.Web.Rendering;

/// <summary>The workflow's codes in the words a coordinator uses.</summary>
public static class Words
{
    /// <summary>What a scheduled item will do when it comes due.</summary>
    public static string Scheduled(string kind) => kind switch
    {
        "assessment-reminder" => "Reminder to the coordinator: assessment due soon",
        "assessment-overdue" => "Assessment deadline: overdue alert to the coordinator",
        "assessment-escalation" => "Escalation to the manager: assessment still not done",
        "recontact-due" => "Re-contact due: back to assessment",
        "match-reminder" => "Reminder to the mentor to answer the proposal",
        "match-response-due" or "match-expiry" => "Proposal lapses if the mentor has not answered",
        "match-wait-escalation" => "Escalation to the manager: still waiting for a match",
        "checkin-reminder" => "Check-in reminder to the mentor",
        "checkin-overdue" => "Check-in overdue alert to the coordinator",
        "first-meeting-overdue" => "Alert if the first meeting has not happened",
        "match-review" => "Match review due",
        "feedback-reminder" => "Feedback reminder",
        "feedback-window-ends" => "Feedback window closes",
        _ => kind.Replace('-', ' '),
    };

    /// <summary>What is due or overdue, for the dashboard's lists.</summary>
    public static string Alert(string kind, bool overdue) => (kind, overdue) switch
    {
        ("assessment-due", true) => "Assessment overdue",
        ("assessment-due", false) => "Assessment due",
        ("match-due", true) => "Match wait past its limit",
        ("match-due", false) => "Match wait limit",
        ("checkin-due", true) => "Check-in overdue",
        ("checkin-due", false) => "Check-in due",
        ("feedback-window-ends", _) => "Feedback window ends",
        ("recontact-due", _) => "Re-contact due",
        _ => kind.Replace('-', ' '),
    };

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
    public static string Notice(string code) =>
        Enum.TryParse<Orchestrations.Notice>(code, out var notice) ? Orchestrations.Activities.NoticeText.For(notice) : code;
}

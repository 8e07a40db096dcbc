using PeerFlow.Domain.Notices;

namespace PeerFlow.Domain.Tests.Notices;

public sealed class NoticeCatalogTests
{
    [Fact]
    public void EveryNotice_HasOneEntry_WithATimelineLine()
    {
        Assert.Equal(Enum.GetValues<Notice>().Order(), NoticeCatalog.All.Select(e => e.Notice).Order());
        Assert.All(NoticeCatalog.All, e => Assert.False(string.IsNullOrWhiteSpace(e.Timeline)));
        Assert.Equal(NoticeCatalog.All.Count, NoticeCatalog.All.Select(e => e.Kind).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    // Kinds are kept in waiting workflows' state and on the schedule board: these must never change.
    [InlineData(Notice.AssessmentReminder, "assessment-reminder")]
    [InlineData(Notice.AssessmentOverdue, "assessment-overdue")]
    [InlineData(Notice.AssessmentEscalation, "assessment-escalation")]
    [InlineData(Notice.RecontactDue, "recontact-due")]
    [InlineData(Notice.MatchReminder, "match-reminder")]
    [InlineData(Notice.MatchWaitEscalation, "match-wait-escalation")]
    [InlineData(Notice.CheckInReminder, "checkin-reminder")]
    [InlineData(Notice.CheckInOverdue, "checkin-overdue")]
    [InlineData(Notice.FirstMeetingOverdue, "first-meeting-overdue")]
    [InlineData(Notice.MatchReview, "match-review")]
    [InlineData(Notice.FeedbackReminder, "feedback-reminder")]
    [InlineData(Notice.RedCheckIn, "checkin-red")]
    [InlineData(Notice.FeedbackRequest, "FeedbackRequest")]
    [InlineData(Notice.ReferralReceived, "ReferralReceived")]
    public void Kinds_AreTheStoredNames(Notice notice, string kind) => Assert.Equal(kind, notice.Kind());

    [Fact]
    public void TheNumbers_HistoriesCarry_StayWhereTheyWere()
    {
        // Recorded histories hold notices as numbers (the engine's JSON): a member moved or removed changes their meaning.
        Assert.Equal(0, (int)Notice.ReferralReceived);
        Assert.Equal(13, (int)Notice.FirstMeetingOverdue);
        Assert.Equal(21, (int)Notice.RedCheckIn);
        Assert.Equal(26, (int)Notice.MenteeAsksForChange);
    }

    [Fact]
    public void Urgent_AreSafeguardingRedCheckInsUrgentReferralsAndEscalations()
    {
        Assert.Equal(
            [Notice.UrgentReferral, Notice.AssessmentEscalation, Notice.MatchWaitEscalation, Notice.SafeguardingAlert, Notice.RedCheckIn],
            NoticeCatalog.All.Where(e => e.Urgent).Select(e => e.Notice));
    }

    [Fact]
    public void DigestLines_AreShortWhereTheyDiffer_AndTheTimelineLineOtherwise()
    {
        Assert.Equal("Assessment due soon", NoticeCatalog.Of(Notice.AssessmentReminder).DigestLine);
        Assert.Equal(NoticeCatalog.Of(Notice.MenteeWorry).Timeline, NoticeCatalog.Of(Notice.MenteeWorry).DigestLine);
    }

    [Theory]
    [InlineData("checkin-reminder", "Check-in reminder to the mentor")]
    [InlineData(NoticeCatalog.MatchResponseDue, "Proposal lapses if the mentor has not answered")]
    [InlineData("match-expiry", "Proposal lapses if the mentor has not answered")]
    [InlineData(NoticeCatalog.FeedbackWindowEnds, "Feedback window closes")]
    [InlineData("something-new", "something new")]
    public void ScheduledEntries_ReadAsTheDashboardShowsThem(string kind, string label) =>
        Assert.Equal(label, NoticeCatalog.ScheduledLabel(kind));

    [Theory]
    [InlineData(StageNames.Assessment, "assessment-due", false, "Assessment due")]
    [InlineData(StageNames.Matching, "match-due", true, "Match wait past its limit")]
    [InlineData(StageNames.Active, "checkin-due", true, "Check-in overdue")]
    [InlineData(StageNames.Deferred, "recontact-due", true, "Re-contact due")]
    [InlineData(StageNames.Closing, "feedback-window-ends", false, "Feedback window ends")]
    public void EachStage_HasTheDeadlineTheDashboardLists(string stage, string kind, bool overdue, string label)
    {
        Assert.Equal(kind, NoticeCatalog.DeadlineKindOf(stage));
        Assert.Equal(label, NoticeCatalog.DeadlineLabel(kind, overdue));
    }

    [Fact]
    public void TimelineOf_AnUnknownCode_IsTheCode() =>
        Assert.Equal("NoticeUndelivered", NoticeCatalog.TimelineOf("NoticeUndelivered"));
}

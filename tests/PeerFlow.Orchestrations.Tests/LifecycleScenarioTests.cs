using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Records;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Orchestrations.Tests;

public class LifecycleScenarioTests
{
    // Monday 2 November 2026, 10:00 UTC (GMT): no bank holidays nearby.
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Notices people act on are sent at 09:00 London (GMT in these weeks) on a working day, not at the time of day
    /// the match was accepted; each day used here is a working day.
    /// </summary>
    private static DateTime NineLondon(int daysAfterMonday) => Monday.UtcDateTime.Date.AddDays(daysAfterMonday).AddHours(9);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HappyPath_FromReferralToClosure_ReleasesTheMentorsPlace(bool onAzurite)
    {
        await using var h = await LifecycleHarness.StartAsync(Monday, onAzurite: onAzurite);
        await h.AddMentorAsync("ann", "EX2", "art");
        var id = await h.ReferAsync();

        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var matchId = await h.ProposeAsync(id, "ann");
        Assert.Equal(1, (await h.MentorAsync("ann")).ActiveMatches);
        await h.RespondAsync(id, matchId, accepted: true);
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
        await h.Host.AdvanceAsync(TimeSpan.FromDays(10));
        await h.Host.RaiseEventAsync(id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = "c1", Met = true });
        await h.Host.AdvanceAsync(TimeSpan.FromDays(30));
        Assert.Equal(NineLondon(10 + 25), h.Notices.At(id, Notice.CheckInReminder));
        await h.Host.RaiseEventAsync(id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = "c2", Met = true });
        await h.Host.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = "planned-end" });
        await h.Host.RaiseEventAsync(id, LifecycleEvents.FeedbackSubmitted, new Signal { From = "mentee" });
        await h.Host.RaiseEventAsync(id, LifecycleEvents.FeedbackSubmitted, new Signal { From = "mentor" });

        var status = await h.Host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(
            [Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchConfirmed, Notice.CheckInReminder, Notice.FeedbackRequest, Notice.Closed],
            h.Notices.For(id));
        var referral = await h.ReferralAsync(id);
        Assert.Equal(ReferralStage.Closed, referral.Stage);
        Assert.Equal("planned-end", referral.ClosureReason);
        Assert.Equal(0, (await h.MentorAsync("ann")).ActiveMatches);
    }

    [Fact]
    public async Task RedCheckIn_AlertsTheCoordinatorAtOnce_AmberDoesNot()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX2", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);
        await h.Host.AdvanceAsync(TimeSpan.FromDays(5));

        await h.Host.RaiseEventAsync(id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = "c1", Met = true, Rag = "Amber" });
        Assert.DoesNotContain(Notice.RedCheckIn, h.Notices.For(id));
        await h.Host.AdvanceAsync(TimeSpan.FromDays(1));
        await h.Host.RaiseEventAsync(id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = "c2", Met = true, Rag = "Red" });

        Assert.Equal(Monday.UtcDateTime.AddDays(6), h.Notices.At(id, Notice.RedCheckIn));
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
    }

    [Fact]
    public async Task OverdueAssessment_RemindsThenAlertsThenEscalates_CountingWorkingDaysAcrossEaster()
    {
        // Wednesday 1 April 2026, 09:00 BST. Good Friday (3 Apr) and Easter Monday (6 Apr) are not working days, so
        // the 10th working day is Friday 17 April: reminder on day 8 (Wed 15) at 09:00, overdue at 17:00 on day 10,
        // escalation at 17:00 on day 13 (Wed 22). BST is UTC+1.
        await using var h = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        var id = await h.ReferAsync();

        await h.Host.AdvanceAsync(TimeSpan.FromDays(30));

        Assert.Equal(new DateTime(2026, 4, 15, 8, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.AssessmentReminder));
        Assert.Equal(new DateTime(2026, 4, 17, 16, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.AssessmentOverdue));
        Assert.Equal(new DateTime(2026, 4, 22, 16, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.AssessmentEscalation));
        Assert.Equal(new DateTime(2026, 4, 17, 16, 0, 0, DateTimeKind.Utc), (await h.ReferralAsync(id)).AssessmentDueAt);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Host.GetStatusAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Status_ShowsWhatIsScheduledNext()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();

        var status = await h.StatusAsync(id);

        Assert.Equal("assessment", status.Stage);
        Assert.Equal(["assessment-reminder", "assessment-overdue", "assessment-escalation"], status.Next.Select(n => n.Kind));
        var plan = await h.ScheduleAsync(id);
        Assert.NotNull(plan);
        Assert.Equal("assessment", plan.Stage);
        Assert.Equal(LifecycleHarness.SchemeId, plan.SchemeId);
        Assert.Equal(new DateTime(2026, 11, 16, 17, 0, 0, DateTimeKind.Utc), plan.DueAt);
        Assert.Equal(status.Next.Select(n => (n.Kind, n.DueAt)), plan.Next.Select(n => (n.Kind, n.DueAt)));
    }

    [Fact]
    public async Task Deferral_WaitsForTheRecontactDate_ThenReturnsToAssessment()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();

        await h.AssessAsync(id, AssessmentOutcome.Deferred, new DateOnly(2027, 1, 11));
        Assert.Equal(ReferralStage.Deferred, (await h.ReferralAsync(id)).Stage);
        await h.Host.AdvanceToAsync(new DateTimeOffset(2027, 1, 11, 9, 30, 0, TimeSpan.Zero));

        Assert.Contains(Notice.RecontactDue, h.Notices.For(id));
        Assert.Equal(ReferralStage.Assessment, (await h.ReferralAsync(id)).Stage);
        Assert.Equal("assessment", (await h.StatusAsync(id)).Stage);
    }

    [Fact]
    public async Task Recontact_IsAt0900London_OnTheNextWorkingDay_AndTheNewAssessmentTimesFollowTheWorkingDayRules()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();

        // Monday 31 May 2027 is the spring bank holiday; British Summer Time, so 09:00 London is 08:00 UTC.
        await h.AssessAsync(id, AssessmentOutcome.Deferred, new DateOnly(2027, 5, 31));
        await h.Host.AdvanceToAsync(new DateTimeOffset(2027, 6, 1, 7, 59, 0, TimeSpan.Zero));
        Assert.DoesNotContain(Notice.RecontactDue, h.Notices.For(id));
        await h.Host.AdvanceToAsync(new DateTimeOffset(2027, 6, 1, 8, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2027, 6, 1, 8, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.RecontactDue));
        var plan = await h.ScheduleAsync(id);
        Assert.Equal("assessment", plan!.Stage);
        var london = plan.Next.ToDictionary(n => n.Kind, n => TimeZoneInfo.ConvertTimeFromUtc(n.DueAt, Domain.Calendar.UkTime.London));
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(london["assessment-reminder"]));
        Assert.Equal(new TimeOnly(17, 0), TimeOnly.FromDateTime(london["assessment-overdue"]));
        Assert.Equal(new TimeOnly(17, 0), TimeOnly.FromDateTime(london["assessment-escalation"]));
        Assert.All(london.Values, at => Assert.True(Domain.Calendar.WorkingDays.IsWorkingDay(DateOnly.FromDateTime(at), Domain.Calendar.UkRegion.EnglandAndWales), $"{at} is not a working day"));
        Assert.True(london["assessment-overdue"] > new DateTime(2027, 6, 1, 9, 0, 0), "the deadline counts from the re-contact");
        Assert.Equal(plan.DueAt, (await h.ReferralAsync(id)).AssessmentDueAt);
    }

    [Fact]
    public async Task CheckInNotices_FallAt0900London_OnWorkingDays_AcrossTheClockChange_WhateverTimeTheMatchWasAccepted()
    {
        // Accepted on Monday 5 October 2026 at 19:33 UTC (20:33 BST); the clocks go back on 25 October.
        await using var h = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 10, 5, 19, 33, 0, TimeSpan.Zero));
        await h.AddMentorAsync("ann", "EX2", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);

        await h.Host.AdvanceAsync(TimeSpan.FromDays(40));

        // Reminder: Friday 30 October, 09:00 GMT. First meeting: Monday 19 October, 09:00 BST. Overdue: 9 November.
        Assert.Equal(new DateTime(2026, 10, 30, 9, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.CheckInReminder));
        Assert.Equal(new DateTime(2026, 10, 19, 8, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.FirstMeetingOverdue));
        Assert.Equal(new DateTime(2026, 11, 9, 9, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.CheckInOverdue));

        // Each notice cites its own date: the first meeting's, not the next check-in's weeks ahead.
        DateTime? Cited(Notice notice) => h.Notices.Sent.Single(s => s.Request.ReferralId == id && s.Request.Notice == notice).Request.DueAt;
        Assert.Equal(new DateTime(2026, 10, 19, 8, 0, 0, DateTimeKind.Utc), Cited(Notice.FirstMeetingOverdue));
        Assert.Equal(new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc), Cited(Notice.CheckInOverdue));
        Assert.Equal(new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc), Cited(Notice.CheckInReminder));
    }

    [Fact]
    public async Task RecordingTheFirstMeeting_CallsOffItsAlert_AndKeepsTheCheckInCycle()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX2", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);
        Assert.Contains((await h.ScheduleAsync(id))!.Next, n => n.Kind == "first-meeting-overdue");

        await h.Host.AdvanceAsync(TimeSpan.FromDays(3));
        await h.Host.RaiseEventAsync(id, LifecycleEvents.FirstMeetingRecorded, new Signal());
        Assert.DoesNotContain((await h.ScheduleAsync(id))!.Next, n => n.Kind == "first-meeting-overdue");
        await h.Host.AdvanceAsync(TimeSpan.FromDays(30));

        Assert.DoesNotContain(Notice.FirstMeetingOverdue, h.Notices.For(id));
        Assert.Contains(Notice.CheckInReminder, h.Notices.For(id));
        Assert.Equal("handled", (await h.InboxAsync(id)).Single(s => s.Name == LifecycleEvents.FirstMeetingRecorded).Outcome);
    }

    [Fact]
    public async Task DeclinedProposal_MovesToTheNextCandidate_AndNeverProposesThatMentorAgain()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.AddMentorAsync("bob", "EX2");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);

        var first = await h.ProposeAsync(id, "ann");
        await h.RespondAsync(id, first, accepted: false);

        var referral = await h.ReferralAsync(id);
        Assert.Contains("ann", referral.ExcludedMentorIds);
        var next = (await h.Store.Matches.GetAsync(id, referral.CurrentMatchId!, default))!.Value;
        Assert.Equal("bob", next.MentorId);
        Assert.Equal(MatchStatus.Proposed, next.Status);
        Assert.Equal(0, (await h.MentorAsync("ann")).ActiveMatches);
        Assert.Equal([Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchDeclined, Notice.MatchProposed], h.Notices.For(id));
        Assert.DoesNotContain((await h.Proposals.ShortlistAsync(id, default)).Candidates, c => c.MentorId == "ann");
    }

    [Fact]
    public async Task DeclinedProposal_WithoutAutoReproposal_IsBackWithTheCoordinator()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday, new SchemePolicy { Calendar = UkRegion.EnglandAndWales });
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.AddMentorAsync("bob", "EX2");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);

        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: false);

        // Bob is free and suitable, yet nobody proposed him: the referral waits in matching for the coordinator.
        var referral = await h.ReferralAsync(id);
        Assert.Equal(ReferralStage.Matching, referral.Stage);
        Assert.Null(referral.CurrentMatchId);
        Assert.Equal(0, (await h.MentorAsync("bob")).ActiveMatches);
        Assert.Equal([Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchDeclined, Notice.NoCandidates], h.Notices.For(id));

        // The coordinator proposes again, and the workflow takes it up as it did the first.
        var second = await h.ProposeAsync(id, "bob");
        await h.RespondAsync(id, second, accepted: true);
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
    }

    [Fact]
    public async Task UnansweredProposal_RemindsTheMentor_ThenMovesOn()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.ProposeAsync(id, "ann");

        await h.Host.AdvanceAsync(TimeSpan.FromDays(6));

        var notices = h.Notices.For(id);
        Assert.Equal([Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchReminder, Notice.MatchUnanswered, Notice.NoCandidates], notices);
        // Two days before the London date it lapses (Sat 7 Nov), at 09:00 London: Thu 5 Nov, 09:00 GMT.
        Assert.Equal(new DateTime(2026, 11, 5, 9, 0, 0, DateTimeKind.Utc), h.Notices.At(id, Notice.MatchReminder));
        Assert.Equal(Monday.UtcDateTime.AddDays(5), h.Notices.At(id, Notice.MatchUnanswered));
        Assert.Equal(0, (await h.MentorAsync("ann")).ActiveMatches);
    }

    [Fact]
    public async Task MissedCheckIn_RemindsTheMentor_ThenAlertsTheCoordinator()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);

        await h.Host.AdvanceAsync(TimeSpan.FromDays(36));

        Assert.Equal(NineLondon(25), h.Notices.At(id, Notice.CheckInReminder));
        Assert.Equal(NineLondon(14), h.Notices.At(id, Notice.FirstMeetingOverdue));
        Assert.Equal(NineLondon(35), h.Notices.At(id, Notice.CheckInOverdue));
    }

    [Fact]
    public async Task Breakdown_ReturnsToMatching_WithoutTheFailedPairing()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.AddMentorAsync("bob", "EX2");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);

        await h.Host.RaiseEventAsync(id, LifecycleEvents.BreakdownReported, new Signal { Reason = "did-not-get-on" });

        var referral = await h.ReferralAsync(id);
        Assert.Equal(ReferralStage.Matching, referral.Stage);
        Assert.Contains("ann", referral.ExcludedMentorIds);
        Assert.Equal(0, (await h.MentorAsync("ann")).ActiveMatches);
        var shortlist = await h.Proposals.ShortlistAsync(id, default);
        Assert.Equal(["bob"], shortlist.Candidates.Select(c => c.MentorId));
        Assert.Contains(shortlist.Excluded, e => e.MentorId == "ann");
    }

    [Fact]
    public async Task SafeguardingConcern_AlertsAtOnce_AtEveryStage()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        async Task Raise()
        {
            await h.Host.AdvanceAsync(TimeSpan.FromHours(1));
            var before = h.Notices.For(id).Count(n => n == Notice.SafeguardingAlert);
            var at = LifecycleHarness.Minute(h.Host.Clock.GetUtcNow().UtcDateTime);
            await h.Host.RaiseEventAsync(id, LifecycleEvents.SafeguardingConcern, new Signal());
            var alerts = h.Notices.Sent.Where(s => s.Request.ReferralId == id && s.Request.Notice == Notice.SafeguardingAlert).ToList();
            Assert.Equal(before + 1, alerts.Count);
            Assert.Equal(at, alerts[^1].At);
        }

        await Raise(); // assessment
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await Raise(); // matching, no proposal yet
        var matchId = await h.ProposeAsync(id, "ann");
        await Raise(); // waiting for the mentor's answer
        await h.RespondAsync(id, matchId, accepted: true);
        await Raise(); // active
        await h.Host.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = "planned-end" });
        await Raise(); // closing

        Assert.Equal(5, h.Notices.For(id).Count(n => n == Notice.SafeguardingAlert));
        Assert.Equal(ReferralStage.Closing, (await h.ReferralAsync(id)).Stage);
    }

    [Fact]
    public async Task Closure_SendsOneFeedbackReminder_ThenClosesWhenTheWindowEnds()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);
        await h.Host.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = "planned-end" });
        await h.Host.RaiseEventAsync(id, LifecycleEvents.FeedbackSubmitted, new Signal { From = "mentor" });

        await h.Host.AdvanceAsync(TimeSpan.FromDays(15));

        var notices = h.Notices.For(id);
        Assert.Single(notices, n => n == Notice.FeedbackReminder);
        Assert.Equal(Notice.Closed, notices[^1]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.Host.GetStatusAsync(id)).RuntimeStatus);
        Assert.Equal(0, (await h.MentorAsync("ann")).ActiveMatches);
    }

    [Fact]
    public async Task ReferrerUpdates_GoWithConsent_OnceEach_AtAssessedMatchedAndClosed()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.AddMentorAsync("bob", "EX2");
        var id = await h.ReferAsync(referrerUpdates: true);
        var quiet = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.AssessAsync(quiet, AssessmentOutcome.Suitable);
        Assert.Contains(Notice.ReferrerAssessed, h.Notices.For(id));

        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);
        Assert.Contains(Notice.ReferrerMatched, h.Notices.For(id));

        // A breakdown returns the referral to matching and a second mentor is matched: the referrer is not told twice.
        await h.Host.RaiseEventAsync(id, LifecycleEvents.BreakdownReported, new Signal { Reason = "did-not-get-on" });
        await h.RespondAsync(id, await h.ProposeAsync(id, "bob"), accepted: true);
        await h.Host.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = "planned-end" });
        await h.Host.AdvanceAsync(TimeSpan.FromDays(15));
        await h.Host.RaiseEventAsync(quiet, LifecycleEvents.ClosureRequested, new Signal { Reason = "withdrawn" });

        var updates = h.Notices.For(id).Where(n => n is Notice.ReferrerAssessed or Notice.ReferrerMatched or Notice.ReferrerClosed).ToList();
        Assert.Equal([Notice.ReferrerAssessed, Notice.ReferrerMatched, Notice.ReferrerClosed], updates);
        Assert.Equal(ReferralStage.Closed, (await h.ReferralAsync(quiet)).Stage);
        Assert.DoesNotContain(h.Notices.For(quiet), n => n is Notice.ReferrerAssessed or Notice.ReferrerMatched or Notice.ReferrerClosed);
    }

    [Fact]
    public async Task ReferrerUpdates_GoOnlyAtTheStagesTheSchemeChooses()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday, new SchemePolicy { Calendar = UkRegion.EnglandAndWales, ReferrerUpdates = [ReferrerUpdate.Closed] });
        var id = await h.ReferAsync(referrerUpdates: true);
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.Host.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = "withdrawn" });

        Assert.Equal(ReferralStage.Closed, (await h.ReferralAsync(id)).Stage);
        Assert.DoesNotContain(Notice.ReferrerAssessed, h.Notices.For(id));
        Assert.Single(h.Notices.For(id), n => n == Notice.ReferrerClosed);
    }

    [Fact]
    public async Task NotSuitable_ClosesAtOnce_WithoutFeedbackRequests()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();

        await h.AssessAsync(id, AssessmentOutcome.NotSuitable);

        Assert.Equal([Notice.ReferralReceived, Notice.Closed], h.Notices.For(id));
        Assert.Equal("not-suitable", (await h.ReferralAsync(id)).ClosureReason);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.Host.GetStatusAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task UrgentReferral_AlertsAtOnce_AndHasTheShorterDeadline()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync(urgent: true);

        Assert.Equal([Notice.ReferralReceived, Notice.UrgentReferral], h.Notices.For(id));
        Assert.Equal(new DateTime(2026, 11, 4, 17, 0, 0, DateTimeKind.Utc), (await h.ReferralAsync(id)).AssessmentDueAt);
    }
}

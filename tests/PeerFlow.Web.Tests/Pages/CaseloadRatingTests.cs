using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>The red-amber-green status of an active match, with the scheme's cadence of 28 days and 7 days' grace.</summary>
public class CaseloadRatingTests
{
    private static readonly DateTime Matched = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly SchemePolicy Policy = new() { CheckInCadenceDays = 28, CheckInOverdueDaysAfter = 7, FirstMeetingDays = 14 };

    [Theory]
    [InlineData(10, null, null, true, RagStatus.Green, "Recently matched")]
    [InlineData(20, null, null, false, RagStatus.Amber, "No first meeting yet")]
    [InlineData(30, null, null, true, RagStatus.Amber, "Check-in due")]
    [InlineData(36, null, null, true, RagStatus.Red, "Check-in overdue")]
    [InlineData(30, 25, RagStatus.Green, true, RagStatus.Green, "Check-ins on track")]
    [InlineData(30, 25, RagStatus.Amber, true, RagStatus.Amber, "Last check-in was amber")]
    [InlineData(26, 25, RagStatus.Red, true, RagStatus.Red, "Last check-in was red")]
    [InlineData(70, 25, RagStatus.Green, true, RagStatus.Red, "Check-in overdue")]
    public void Rate(int daysSinceMatch, int? checkInDay, RagStatus? lastRag, bool met, RagStatus expected, string why)
    {
        var referral = new Referral
        {
            Id = "r1",
            Reference = "FCM-2026-0001",
            SchemeId = "foster-mentoring",
            PolicyVersion = 1,
            Stage = ReferralStage.Active,
            MatchedAt = Matched,
            FirstMeetingAt = met ? Matched.AddDays(5) : null,
            LastCheckInAt = checkInDay is { } d ? Matched.AddDays(d) : null,
            LastRag = lastRag,
        };

        var (rag, reason, next) = Caseload.Rate(referral, Policy, Matched.AddDays(daysSinceMatch));

        Assert.Equal(expected, rag);
        Assert.Equal(why, reason);
        Assert.Equal((referral.LastCheckInAt ?? Matched).AddDays(28), next);
    }
}

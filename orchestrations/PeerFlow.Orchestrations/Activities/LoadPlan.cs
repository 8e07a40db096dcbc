using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Timetable;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>Fixes a referral's timetable from the policy version it started with, turning working days into times.</summary>
public sealed class LoadPlan(PeerFlowStore store, SchemeCatalog schemes) : TaskActivity<string, LifecyclePlan>
{
    public override async Task<LifecyclePlan> RunAsync(TaskActivityContext context, string referralId)
    {
        var (referral, policy) = await PolicyOf.ReferralAsync(store, schemes, referralId);
        var times = ReferralTimetable.Assessment(referral.ReceivedAt, referral.Urgent, policy);
        await store.Referrals.UpdateAsync(referralId, "", r => r with { AssessmentDueAt = times.DueAt }, Domain.Referrals.MatchProposals.ReferralColumns, CancellationToken.None);
        return new LifecyclePlan
        {
            SchemeId = referral.SchemeId,
            PolicyVersion = referral.PolicyVersion,
            Calendar = policy.Calendar,
            Urgent = referral.Urgent,
            ReceivedAt = referral.ReceivedAt,
            AssessmentReminderAt = times.ReminderAt,
            AssessmentDueAt = times.DueAt,
            AssessmentEscalationAt = times.EscalationAt,
            MatchWaitEscalationDays = policy.MatchWaitEscalationDays,
            MatchResponseDays = policy.MatchResponseDays,
            MatchResponseReminderDaysBefore = policy.MatchResponseReminderDaysBefore,
            FirstMeetingDays = policy.FirstMeetingDays,
            CheckInCadenceDays = policy.CheckInCadenceDays,
            CheckInReminderDaysBefore = policy.CheckInReminderDaysBefore,
            CheckInOverdueDaysAfter = policy.CheckInOverdueDaysAfter,
            MatchReviewDays = policy.MatchReviewDays,
            FeedbackWindowDays = policy.FeedbackWindowDays,
            FeedbackReminderDays = policy.FeedbackReminderDays,
            ProposalReminderOnNoticeGrid = true,
        };
    }
}

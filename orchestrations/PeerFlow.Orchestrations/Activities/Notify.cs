using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Records that a notice is due and starts its delivery, which runs apart: the lifecycle goes straight back to
/// waiting, whatever the email provider is doing. Once per key, however often the activity runs.
/// </summary>
public sealed class Notify(NoticeOutbox outbox, DurableTaskClient workflows) : TaskActivity<NoticeRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, NoticeRequest request)
    {
        await outbox.QueueAsync(request, workflows, CancellationToken.None);
        return true;
    }
}

/// <summary>
/// Sends the emails and texts of one notice. Implementations must send each message at most once per key and
/// channel, and try every channel whatever another one does.
/// </summary>
public interface INoticeSender
{
    /// <exception cref="Delivery.NoticeChannelException">Some messages did not go; the others did.</exception>
    Task<NoticeSendResult> SendAsync(NoticeRequest request, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// What a send did when nothing failed: everything went, or a text was held for the scheme's quiet hours until
/// <see cref="HeldUntil"/> (the emails went).
/// </summary>
public sealed record NoticeSendResult(DateTimeOffset? HeldUntil = null)
{
    public static NoticeSendResult Sent { get; } = new();
}

/// <summary>How each notice reads in a referral's timeline.</summary>
public static class NoticeText
{
    public static string For(Notice notice) => notice switch
    {
        Notice.ReferralReceived => "Acknowledgement sent; coordinator told of the new referral",
        Notice.UrgentReferral => "Urgent referral: coordinator alerted",
        Notice.AssessmentReminder => "Reminder sent to the coordinator: assessment due soon",
        Notice.AssessmentOverdue => "Assessment overdue: coordinator alerted",
        Notice.AssessmentEscalation => "Assessment still overdue: escalated to the manager",
        Notice.RecontactDue => "Re-contact date reached: coordinator reminded",
        Notice.MatchProposed => "Match proposed to the mentor",
        Notice.MatchReminder => "Reminder sent to the mentor about the proposed match",
        Notice.MatchUnanswered => "Mentor did not answer in time: coordinator told",
        Notice.MatchDeclined => "Mentor declined the match: coordinator told",
        Notice.NoCandidates => "No mentor proposed automatically: the referral is back with the coordinator",
        Notice.MatchWaitEscalation => "Waiting too long for a match: escalated to the manager",
        Notice.MatchConfirmed => "Match confirmed to the mentee and the mentor",
        Notice.FirstMeetingOverdue => "First meeting not yet recorded: coordinator alerted",
        Notice.CheckInReminder => "Check-in reminder sent to the mentor",
        Notice.CheckInOverdue => "Check-in overdue: coordinator alerted",
        Notice.MatchReview => "Three-month match review due: coordinator reminded",
        Notice.SafeguardingAlert => "Safeguarding concern raised: coordinator and safeguarding lead (or manager) alerted",
        Notice.FeedbackRequest => "Feedback requested from the mentee and the mentor",
        Notice.FeedbackReminder => "Feedback reminder sent",
        Notice.Closed => "Referral closed",
        Notice.RedCheckIn => "Red check-in: coordinator alerted",
        Notice.ReferrerAssessed => "Referrer told the referral was assessed (with the person's consent)",
        Notice.ReferrerMatched => "Referrer told a mentor was matched (with the person's consent)",
        Notice.MenteeWorry => "Mentee raised a worry through their link: coordinator told",
        Notice.MenteeAsksForChange => "Mentee asked for a different mentor through their link: coordinator told",
        Notice.ReferrerClosed => "Referrer told the referral closed (with the person's consent)",
        _ => notice.ToString(),
    };
}

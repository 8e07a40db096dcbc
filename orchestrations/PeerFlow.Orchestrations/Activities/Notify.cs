using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Notices;
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

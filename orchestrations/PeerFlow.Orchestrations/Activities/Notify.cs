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

using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Web.Api;

/// <summary>Every read and change of a referral by staff leaves a line: who, when, what (never the data itself).</summary>
public static class Audit
{
    public static Task RecordAsync(ApiServices services, string referralId, string action, CancellationToken cancellationToken)
    {
        var now = services.Now;
        return services.Store.Audit.TryInsertAsync(
            referralId, PeerFlowStore.Key(now) + "-" + Guid.NewGuid().ToString("N")[..6], new AuditEntry(referralId, now, services.Staff.Name, action), null, cancellationToken);
    }
}

using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Functions.Api;

public static class CheckIns
{
    /// <summary>Stores a check-in and moves the referral's last check-in on; the notes stay in the records.</summary>
    public static async Task<CheckIn> StoreAsync(ApiServices services, Referral referral, CheckInRequest body, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var checkIn = new CheckIn
        {
            Id = "c" + Guid.NewGuid().ToString("N")[..12],
            ReferralId = referral.Id,
            MatchId = referral.CurrentMatchId!,
            At = now,
            Rag = Enum.Parse<RagStatus>(body.Rag!, true),
            MetSinceLastCheckIn = body.Met,
            Notes = body.Notes?.Trim(),
        };
        await services.Store.CheckIns.TryInsertAsync(referral.Id, PeerFlowStore.NewestFirstKey(now), checkIn, null, cancellationToken);
        await services.Store.Referrals.UpdateAsync(referral.Id, "", r => r with
        {
            LastCheckInAt = now,
            FirstMeetingAt = r.FirstMeetingAt ?? (body.Met ? now : null),
        }, MatchProposals.ReferralColumns, cancellationToken);
        await ReferralActionsApi.TimelineAsync(services, referral.Id, "checkin", $"Check-in logged ({checkIn.Rag})", cancellationToken);
        return checkIn;
    }
}

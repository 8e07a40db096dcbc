using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Orchestrations.Activities;

internal static class PolicyOf
{
    /// <summary>
    /// A referral and the policy version it started with (a changed policy applies to new referrals only), read once.
    /// </summary>
    public static async Task<(Referral Referral, SchemePolicy Policy)> ReferralAsync(PeerFlowStore store, SchemeCatalog schemes, string referralId)
    {
        var referral = (await store.Referrals.GetAsync(referralId, "", CancellationToken.None))?.Value
            ?? throw new InvalidOperationException($"Referral {referralId} does not exist.");
        var policy = (await schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, CancellationToken.None))?.Policy
            ?? throw new InvalidOperationException($"Scheme {referral.SchemeId} has no policy version {referral.PolicyVersion}.");
        return (referral, policy);
    }
}

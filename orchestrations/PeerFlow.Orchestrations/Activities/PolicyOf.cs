using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Orchestrations.Activities;

internal static class PolicyOf
{
    /// <summary>The policy version a referral started with: a changed policy applies to new referrals only.</summary>
    public static async Task<SchemePolicy> ReferralAsync(PeerFlowStore store, SchemeCatalog schemes, string referralId)
    {
        var referral = (await store.Referrals.GetAsync(referralId, "", CancellationToken.None))?.Value
            ?? throw new InvalidOperationException($"Referral {referralId} does not exist.");
        return (await schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, CancellationToken.None))?.Policy
            ?? throw new InvalidOperationException($"Scheme {referral.SchemeId} has no policy version {referral.PolicyVersion}.");
    }
}

namespace PeerFlow.Domain.Notices;

/// <summary>Why a coordinator's notice waits for the 09:00 digest instead of going at once.</summary>
public enum DigestReason
{
    /// <summary>The coordinator chose one email a day for what can wait.</summary>
    Chosen,

    /// <summary>More new referrals arrived in an hour than the scheme's coordinator alerts allow.</summary>
    Flood,
}

/// <summary>
/// A coordinator's notice held for the next daily digest, in the scheme's partition of <c>DigestItems</c> under
/// <c>{referral id}|{notice key}</c> (so erasure finds a referral's rows by range). Reference and codes only: the
/// digest links to the referral, as the single emails do.
/// </summary>
public sealed record DigestItem(string SchemeId, string ReferralId, string Reference, string Code, string Text, DateTime HeldAt, DigestReason Reason);

/// <summary>A scheme's choice of how its coordinator hears of what can wait; kept apart from the organisation file so the coordinator can change it.</summary>
public sealed record NoticePreference(bool CoordinatorDigest, string ChangedBy, DateTime ChangedAt);

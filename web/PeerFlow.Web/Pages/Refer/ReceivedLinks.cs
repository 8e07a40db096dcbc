using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>
/// The address of a referral's "received" page, with a token that only the form that stored it can make. Knowing a
/// referral's id, or reusing an idempotency key, does not open the page; the token lasts a day, long enough to
/// reload it, not long enough to be found later in a shared computer's history.
/// </summary>
public sealed class ReceivedLinks(IDataProtectionProvider provider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("PeerFlow.Refer.Received").ToTimeLimitedDataProtector();

    public string UrlFor(string referralId) =>
        "/refer/received/" + Uri.EscapeDataString(referralId) + "?t=" + protector.Protect(referralId, Lifetime);

    public bool Opens(string referralId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return protector.Unprotect(token) == referralId;
        }
        catch (CryptographicException)
        {
            // Tampered, expired or made with another key: not this page.
            return false;
        }
    }
}

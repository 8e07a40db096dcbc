namespace PeerFlow.Orchestrations.Notices;

/// <summary>The addresses emails link to, on the public base URL (PEERFLOW_PUBLIC_BASE_URL).</summary>
public sealed class PublicUrls(Uri baseUrl)
{
    public string Referral(string referralId) => new Uri(baseUrl, $"referrals/{Uri.EscapeDataString(referralId)}").ToString();

    /// <summary>A mentor's or mentee's one-action page, reached without an account.</summary>
    public string Link(string token) => new Uri(baseUrl, $"m/{Uri.EscapeDataString(token)}").ToString();
}

namespace PeerFlow.Domain.Links;

/// <summary>
/// The addresses emails link to, on the public base URL (PEERFLOW_PUBLIC_BASE_URL): the one place that knows the web
/// app's routes for messages, beside the signed links and the templates that use them.
/// </summary>
public sealed class PublicUrls(Uri baseUrl)
{
    public string Referral(string referralId) => new Uri(baseUrl, $"referrals/{Uri.EscapeDataString(referralId)}").ToString();

    /// <summary>A mentor's page, behind staff sign-in.</summary>
    public string Mentor(string mentorId) => new Uri(baseUrl, $"mentors/{Uri.EscapeDataString(mentorId)}").ToString();

    /// <summary>A scheme's evaluation report for a month ("yyyy-MM"), behind staff sign-in.</summary>
    public string Report(string month, string schemeId) => new Uri(baseUrl, $"reports/{month}?scheme={Uri.EscapeDataString(schemeId)}").ToString();

    /// <summary>The staff dashboard.</summary>
    public string Dashboard() => new Uri(baseUrl, "dashboard").ToString();

    /// <summary>Where a scheme's coordinator chooses one email per event or a daily digest, behind staff sign-in.</summary>
    public string SchemeNotices(string schemeId) => new Uri(baseUrl, $"schemes/{Uri.EscapeDataString(schemeId)}/notices").ToString();

    /// <summary>A mentor's or mentee's one-action page, reached without an account.</summary>
    /// <remarks>
    /// The token is the query string's <c>t</c>, not a path segment: the Functions host leaves query strings out of the
    /// URLs it records in request telemetry, so a working link does not sit in Application Insights (issue 19 item 9).
    /// Links of the older form, <c>m/{slug}/{token}</c>, still in people's inboxes, work until they expire.
    /// </remarks>
    public string Link(LinkAction action, string token) => new Uri(baseUrl, $"m/{Slug(action)}?{TokenParameter}={Uri.EscapeDataString(token)}").ToString();

    /// <summary>The query-string parameter, and the link form's hidden field, that carries a link's token.</summary>
    public const string TokenParameter = "t";

    public static string Slug(LinkAction action) => action switch
    {
        LinkAction.AcceptMatch => "accept",
        LinkAction.DeclineMatch => "decline",
        LinkAction.LogCheckIn => "checkin",
        LinkAction.MentorFeedback => "mentor-feedback",
        LinkAction.MenteeFeedback => "mentee-feedback",
        LinkAction.MenteeVoice => "mentee-voice",
        LinkAction.MenteeOutcomes => "mentee-outcomes",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static LinkAction? FromSlug(string slug) =>
        Enum.GetValues<LinkAction>().Where(a => Slug(a) == slug).Select(a => (LinkAction?)a).FirstOrDefault();
}

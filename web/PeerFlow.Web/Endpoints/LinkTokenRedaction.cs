using System.Text.RegularExpressions;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// Takes the signed-link token out of a URL, path or log line: <c>/m/checkin?t=1767.AbC…</c> becomes
/// <c>/m/checkin?t={token}</c>, <c>/m/checkin/1767.AbC…</c> (the older form) <c>/m/checkin/{token}</c>, and the same
/// for <c>/api/links/{action}</c>. A token in telemetry is a working link for whoever reads the telemetry, until it is
/// used or expires.
/// </summary>
/// <remarks>
/// The Functions host, not the worker, records request telemetry, and the isolated worker cannot change it (by design:
/// Azure/azure-functions-dotnet-worker issue 2024). So the same expression, <see cref="Pattern"/>, runs in Azure as the
/// Log Analytics workspace's ingestion-time transformation of the Application Insights tables
/// (<c>infra/modules/telemetry-redaction.bicep</c>; a test keeps the two equal). Here it is that expression's
/// executable specification: the tests run it on every link route of the endpoint table.
/// </remarks>
public static partial class LinkTokenRedaction
{
    /// <summary>
    /// The link pages (<c>/m/{slug}</c>) and the link API (<c>/api/links/{action}</c>): the query string's <c>t</c>, or a
    /// last segment <c>{token}</c>. The host leaves query strings out of request URLs unless told otherwise, so the
    /// first is there for the other columns (a dependency's data, a trace's message) and in case it ever is told.
    /// RE2 syntax as well as .NET's, since KQL's <c>replace_regex</c> runs it too.
    /// </summary>
    public const string Pattern = @"(?i)(/(?:m|api/links)/[^/?#\s]+(?:/|\?(?:[^#\s]*&)?t=))[^/?#&\s]+";

    /// <summary>What the token is replaced with.</summary>
    public const string Replacement = "{token}";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenSegment().Replace(text, "$1" + Replacement);
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenSegment();
}

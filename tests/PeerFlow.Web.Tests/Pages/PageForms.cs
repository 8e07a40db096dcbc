using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using PeerFlow.Web.Tests.Api;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// Filling in the pages' forms over HTTP, as a browser without scripts does: read the antiforgery field from
/// the page (the client keeps its cookie), post the fields, and do not follow redirects so tests can see them.
/// </summary>
internal static partial class PageForms
{
    public const string AntiforgeryField = "__af";

    public static HttpClient Browser(ApiApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }

    public static async Task<string> GetHtmlAsync(HttpClient http, string url, HttpStatusCode status = HttpStatusCode.OK) =>
        await HtmlAsync(await http.GetAsync(url), status);

    /// <summary>The value of the hidden input <paramref name="name"/>, or null when the page has none.</summary>
    public static string? Hidden(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal) && ValueAttribute().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups["value"].Value);
            }
        }

        return null;
    }

    /// <summary>Every &lt;input&gt; tag named <paramref name="name"/>, as written.</summary>
    public static IEnumerable<string> Inputs(string html, string name) =>
        InputTag().Matches(html).Select(m => m.Value).Where(i => i.Contains($"name=\"{name}\"", StringComparison.Ordinal));

    /// <summary>Posts <paramref name="fields"/> with the antiforgery token read from <paramref name="page"/>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Hidden(page, AntiforgeryField);
        Assert.False(string.IsNullOrEmpty(token), "The page has no antiforgery field.");
        return PostWithoutTokenAsync(http, url, fields.Append(new(AntiforgeryField, token!)));
    }

    public static async Task<HttpResponseMessage> PostWithoutTokenAsync(HttpClient http, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        return await http.PostAsync(url, form);
    }

    public static string SeeOther(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return Assert.IsType<string>(response.Headers.Location?.OriginalString);
    }

    /// <summary>The one table row that mentions <paramref name="text"/>.</summary>
    public static string Row(string html, string text) =>
        Assert.Single(TableRow().Matches(html).Select(m => m.Value), r => r.Contains(text, StringComparison.Ordinal));

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"(?<value>[^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

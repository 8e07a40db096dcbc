using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PeerFlow.Domain.Email;

namespace PeerFlow.Web.Tests.Api;

/// <summary>Polling with a deadline, problem details, JSON bodies and captured emails.</summary>
internal static partial class ApiAssert
{
    // A bound for failing, not a pace: on a loaded two-core runner a notice takes two workflows and several polls to arrive.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>Polls until <paramref name="probe"/> gives a value; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                throw new TimeoutException($"Gave up after {clock.Elapsed.TotalSeconds:0.0} s waiting for {what}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Eventually(async () => await condition() ? string.Empty : null, what, timeout);

    /// <summary>Asserts an RFC 7807 answer with the status, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose field errors are exactly <paramref name="fields"/>, each with a message.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var field in errors.EnumerateObject())
        {
            Assert.NotEmpty(field.Value.EnumerateArray());
            Assert.All(field.Value.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        }

        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The newest captured email from <paramref name="template"/> to <paramref name="to"/>, waiting for it.</summary>
    public static Task<CapturedMail> MailAsync(ApiApp app, string template, string to, TimeSpan? timeout = null) =>
        Eventually(
            async () =>
            {
                var summary = (await app.Mail.ListAsync()).FirstOrDefault(m => m.Template == template && m.To.Contains(to, StringComparer.OrdinalIgnoreCase));
                return summary is null ? null : await app.Mail.GetAsync(summary.Id);
            },
            $"the '{template}' email to {to}",
            timeout);

    /// <summary>The token of the one-action link (…/m/{slug}?t={token}) in an email's plain text, also present in its HTML.</summary>
    public static string LinkToken(CapturedMail mail, string slug)
    {
        var match = LinkPattern().Matches(mail.Text ?? string.Empty).FirstOrDefault(m => m.Groups["slug"].Value == slug);
        Assert.True(match is not null, $"No /m/{slug}?t= link in '{mail.Summary.Subject}':\n{mail.Text}");
        Assert.Contains(match.Value, mail.Html ?? string.Empty, StringComparison.Ordinal);
        return match.Groups["token"].Value;
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+/m/(?<slug>[a-z-]+)\?t=(?<token>[A-Za-z0-9._~%-]+)")]
    private static partial Regex LinkPattern();
}

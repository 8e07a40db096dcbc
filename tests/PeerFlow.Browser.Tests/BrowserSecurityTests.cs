using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;

namespace PeerFlow.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BrowserSecurityTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Chromium_LoadsTheHomePage_WithItsStylesheet_AndRunsNoScriptThePageAddsItself()
    {
        Assert.True(App.Browser.IsConnected);
        Assert.NotEmpty(App.Browser.Version);
        var page = await App.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/");

        Assert.NotNull(response);
        var policy = Directives(await response.HeaderValueAsync("content-security-policy"));
        Assert.Equal("'none'", policy.GetValueOrDefault("script-src"));
        Assert.Equal("'none'", policy.GetValueOrDefault("object-src"));
        Assert.Equal("'none'", policy.GetValueOrDefault("frame-ancestors"));
        Assert.Equal("'self'", policy.GetValueOrDefault("default-src"));
        Assert.Equal(0, await page.Locator("script").CountAsync());

        // The stylesheet is allowed (same origin) and applied: nothing the page needs is blocked.
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.href?.includes('/css/peerflow.css') && s.cssRules.length > 0)"));
        Assert.Empty(errors);

        // Chromium enforces the policy: an inline script added to the page does not run, and says why.
        var blocked = await Assert.ThrowsAsync<PlaywrightException>(() => page.AddScriptTagAsync(new() { Content = "window.peerflowScriptRan = true;" }));
        Assert.Contains("Content Security Policy", blocked.Message, StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.peerflowScriptRan === true"));
    }

    private static Dictionary<string, string> Directives(string? header)
    {
        Assert.False(string.IsNullOrEmpty(header), "The home page has no Content-Security-Policy header.");
        return header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
    }
}

using Microsoft.Playwright;
using PeerFlow.Browser.Tests.Infrastructure;

namespace PeerFlow.Browser.Tests;

/// <summary>The accessibility check itself: a page with known problems must fail it, naming them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HarnessTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task AccessibilityCheck_FailsOnSeriousProblems_AndSaysWhichAndWhere()
    {
        var page = await App.NewPageAsync();
        await page.SetContentAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body><main><h1>Broken</h1>" +
            "<img id=\"no-alt\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><input id=\"no-label\" type=\"text\"></main></body></html>");

        var report = await Accessibility.CheckAsync(page, "harness-broken-page");

        Assert.False(report.Passed);
        Assert.Contains("image-alt (critical)", report.Message, StringComparison.Ordinal);
        Assert.Contains("#no-alt", report.Message, StringComparison.Ordinal);
        Assert.Contains("label (critical)", report.Message, StringComparison.Ordinal);
        Assert.Contains("#no-label", report.Message, StringComparison.Ordinal);
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask.Client;
using PeerFlow.LocalHost.Dev;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>
/// One app server and one Chromium for the whole collection; each test gets fresh browser contexts (no cookies or
/// storage carried over) through <see cref="NewPageAsync"/>, closed again by <see cref="BrowserTest"/>.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes a fixture through IAsyncLifetime.DisposeAsync, which disposes the server.")]
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Generous: CI has two cores and Chromium shares them with the app, Azurite and the other test projects.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string DefaultChromium = "/usr/bin/chromium";

    // Nothing in the background may reach the network: CI has none but the package registries.
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly PeerFlowServer server = new();
    private readonly List<IBrowserContext> contexts = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseUrl => server.BaseUrl;

    public IServiceProvider Services => server.Services;

    public PeerFlowStore Store => Services.GetRequiredService<PeerFlowStore>();

    public DurableTaskClient Workflows => Services.GetRequiredService<DurableTaskClient>();

    public CapturedMailStore Mail => Services.GetRequiredService<CapturedMailStore>();

    public SandboxClock Clock => Services.GetRequiredService<SandboxClock>();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not been launched yet.");

    /// <summary>A plain HTTP client for the server (no browser), for set-up through the JSON API.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUrl, Timeout = Timeout };

    public async Task InitializeAsync()
    {
        server.StartServer();
        var chromium = ChromiumPath();
        playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = (float)Timeout.TotalMilliseconds,
        });
    }

    /// <summary>A page in a new context: desktop width, British English, the server as base URL so paths work in GotoAsync.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new() { Width = Screenshots.DesktopWidth, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        lock (contexts)
        {
            contexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    /// <summary>Runs axe on the page as it is now and fails on serious or critical problems; saves screenshots either way.</summary>
    public async Task AssertAccessibleAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        // A failed navigation leaves Chromium's own error page, which axe would pass.
        Assert.StartsWith(BaseUrl.ToString(), page.Url, StringComparison.Ordinal);
        var report = await Accessibility.CheckAsync(page, name);
        await Screenshots.SaveAsync(page, name);
        Assert.True(report.Passed, report.Message);
    }

    /// <summary>Waits for a captured email that matches and returns the first link in it whose URL matches <paramref name="linkPattern"/>.</summary>
    public async Task<string> WaitForMailAsync(Func<CapturedMail, bool> match, string linkPattern = ".", TimeSpan? timeout = null)
    {
        var mail = await WaitForMessageAsync(match, timeout);
        return MailLinks.First(mail, linkPattern);
    }

    /// <summary>Waits for a captured email that matches, newest first.</summary>
    public Task<CapturedMail> WaitForMessageAsync(Func<CapturedMail, bool> match, TimeSpan? timeout = null) =>
        MailLinks.WaitAsync(Mail, match, timeout ?? Timeout);

    /// <summary>Closes every context opened so far; the collection runs one test at a time, so these are the current test's.</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (contexts)
        {
            open = [.. contexts];
            contexts.Clear();
        }

        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await CloseContextsAsync();
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await server.DisposeAsync();
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("PEERFLOW_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultChromium;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No Chromium at {path}: ./peerflow test installs Debian's chromium package, or set PEERFLOW_CHROMIUM to a Chromium executable.");
    }
}

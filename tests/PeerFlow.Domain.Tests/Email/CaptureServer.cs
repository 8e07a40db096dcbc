using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.Domain.Email;
using PeerFlow.LocalHost.Dev;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>
/// PeerFlow's mail capture on a real Kestrel (127.0.0.1, a free port) over Azurite, with a table prefix of its own,
/// and a way to make SendGrid's stand-in misbehave for the next requests.
/// </summary>
internal sealed class CaptureServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> faults = new();
    private int requests;

    private CaptureServer(WebApplication app, string prefix, FakeTimeProvider time)
    {
        this.app = app;
        Prefix = prefix;
        Time = time;
    }

    public string Prefix { get; }

    public FakeTimeProvider Time { get; }

    public string BaseUrl => app.Urls.Single();

    public CapturedMailStore Store => app.Services.GetRequiredService<CapturedMailStore>();

    public EmailSendLog Log => app.Services.GetRequiredService<EmailSendLog>();

    public int Requests => requests;

    public static async Task<CaptureServer> StartAsync()
    {
        var prefix = TestStorage.NewPrefix();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddPeerFlowEmail(new ConfigurationBuilder().Build(), TestStorage.Tables, TestStorage.Blobs, prefix, RecipientHashKey.Development);
        var app = builder.Build();
        var server = new CaptureServer(app, prefix, time);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/v3/mail/send")
            {
                Interlocked.Increment(ref server.requests);
                if (server.faults.TryDequeue(out var fault))
                {
                    await fault(context);
                    return;
                }
            }

            await next(context);
        });
        app.MapMailCapture();
        await app.StartAsync();
        return server;
    }

    /// <summary>The next request to /v3/mail/send gets this status (with these headers) and is not captured.</summary>
    public void FailNext(int status, params (string Name, string Value)[] headers) => faults.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "injected by the test", field = (string?)null } } });
    });

    /// <summary>The next request hangs until the client gives up, as when SendGrid is slow: did it send? Nobody knows.</summary>
    public void StallNext() => faults.Enqueue(async context =>
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    });

    /// <summary>A sender as the app builds it, but pointed at this server, with its own send log and clock.</summary>
    public SendGridEmailSender Sender(string? host = null, TimeSpan? timeout = null) => new(
        new HttpClient { Timeout = timeout ?? EmailServiceCollectionExtensions.SendGridTimeout },
        new EmailOptions { Host = host ?? BaseUrl },
        Log,
        Time,
        NullLogger<SendGridEmailSender>.Instance);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await TestStorage.DeleteAsync(Prefix);
    }
}

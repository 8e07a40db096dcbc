using System.Net;
using PeerFlow.Bench.Scale;

namespace PeerFlow.Bench.Reliability;

/// <summary>
/// One or more local hosts on one store, each on a port it keeps across kills, and requests to whichever is up.
/// A request that meets a dead host (refused, reset, timed out) is reported as <see cref="Answer.NoAnswer"/>: the
/// caller decides whether it may be sent again.
/// </summary>
internal sealed class HostPool(string storage, string hub, string organisationFile, int count, string? dll = null) : IAsyncDisposable
{
    private readonly LocalHostProcess?[] hosts = new LocalHostProcess?[count];
    private readonly int[] ports = [.. Enumerable.Range(0, count).Select(_ => LocalHostProcess.FreePort())];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private int next;

    public int Count => count;

    /// <summary>Settings every host is started with, e.g. the fast clock they share.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public Uri UrlOf(int i) => new($"http://127.0.0.1:{ports[i]}/");

    public bool IsUp(int i) => hosts[i] is { HasExited: false };

    public async Task StartAsync(int i)
    {
        hosts[i] = await LocalHostProcess.StartAsync(storage, hub, ports[i], organisationFile, echo: false, dll, Environment);
    }

    public async Task KillAsync(int i)
    {
        if (hosts[i] is { } host)
        {
            hosts[i] = null;
            await host.KillAsync();
            await host.DisposeAsync();
        }
    }

    /// <summary>Sends to the next host that is up, waiting while none is.</summary>
    public async Task<Answer> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        int target;
        while (true)
        {
            var up = Enumerable.Range(0, count).Where(IsUp).ToList();
            if (up.Count > 0)
            {
                target = up[Interlocked.Increment(ref next) % up.Count];
                break;
            }

            await Task.Delay(200, cancellationToken);
        }

        return await SendToAsync(target, request, cancellationToken);
    }

    public async Task<Answer> SendToAsync(int i, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var message = request();
        message.RequestUri = new Uri(UrlOf(i), message.RequestUri!.ToString());
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Answer(response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            return Answer.None;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Answer.None;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < count; i++)
        {
            await KillAsync(i);
        }

        http.Dispose();
    }
}

internal sealed record Answer(HttpStatusCode? Status, string Body)
{
    public static Answer None { get; } = new(null, "");

    /// <summary>Connection refused or reset, or no answer in time: the request may or may not have taken effect.</summary>
    public bool NoAnswer => Status is null;

    public bool Unavailable => Status is null or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
}

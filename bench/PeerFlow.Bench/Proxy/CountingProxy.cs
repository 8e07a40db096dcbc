using System.Net;
using System.Net.Sockets;

namespace PeerFlow.Bench.Proxy;

/// <summary>
/// A TCP proxy on free loopback ports in front of Azurite's blob, queue and table ports, counting the HTTP requests
/// that pass. DurableTask.AzureStorage builds its storage clients itself, so no pipeline policy can be slipped in;
/// pointing its connection string at this proxy counts every request it makes, as the storage service would bill them.
/// Only loopback targets are accepted.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private static readonly string[] Services = ["Blob", "Queue", "Table"];

    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpListener> listeners = [];
    private readonly List<Task> loops = [];
    private readonly List<TcpClient> connections = [];

    private CountingProxy(string connectionString) => ConnectionString = connectionString;

    /// <summary>The connection string with every endpoint pointing at the proxy.</summary>
    public string ConnectionString { get; private set; }

    public RequestTally Tally { get; } = new();

    public static CountingProxy Start(string connectionString)
    {
        var proxy = new CountingProxy(connectionString);
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var service in Services)
        {
            var index = parts.FindIndex(p => p.StartsWith(service + "Endpoint=", StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new BenchFailedException($"The connection string has no {service}Endpoint; the idle scenario needs explicit Azurite endpoints.");
            }

            var target = new Uri(parts[index][(parts[index].IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (!IPAddress.TryParse(target.Host, out var address) || !IPAddress.IsLoopback(address))
            {
                throw new BenchFailedException($"The {service} endpoint {target.Host} is not a loopback address; the proxy forwards only to 127.0.0.1.");
            }

            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            proxy.listeners.Add(listener);
            proxy.loops.Add(proxy.AcceptAsync(listener, service.ToLowerInvariant(), new IPEndPoint(address, target.Port)));
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            parts[index] = $"{service}Endpoint={new UriBuilder(target) { Port = port }.Uri.ToString().TrimEnd('/')}";
        }

        proxy.ConnectionString = string.Join(';', parts) + ";";
        return proxy;
    }

    private async Task AcceptAsync(TcpListener listener, string service, IPEndPoint target)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                _ = ForwardAsync(client, service, target);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task ForwardAsync(TcpClient client, string service, IPEndPoint target)
    {
        using var upstream = new TcpClient();
        lock (connections)
        {
            connections.Add(client);
            connections.Add(upstream);
        }

        try
        {
            using (client)
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(target, stopping.Token);
                var scanner = new HttpRequestScanner(request => Tally.Count(service, request));
                var requests = PumpAsync(client.GetStream(), upstream.GetStream(), scanner);
                var responses = PumpAsync(upstream.GetStream(), client.GetStream(), scanner: null);
                // Either side closing ends the connection; the other pump then fails on its closed socket.
                await Task.WhenAny(requests, responses);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A connection closed by either side or by stopping: normal for a proxy.
        }
        finally
        {
            lock (connections)
            {
                connections.Remove(client);
                connections.Remove(upstream);
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, HttpRequestScanner? scanner)
    {
        var buffer = new byte[16 * 1024];
        var wasLost = false;
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
            {
                if (scanner is not null)
                {
                    scanner.Feed(buffer.AsSpan(0, read));
                    if (scanner.Lost && !wasLost)
                    {
                        wasLost = true;
                        Tally.ConnectionLost();
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // See ForwardAsync.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }

        lock (connections)
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }

        await Task.WhenAll(loops);
        stopping.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Azurite's three services behind TCP forwarders on ports of their own, with a switch: <see cref="Cut"/> resets every
/// open connection and every new one (storage unreachable, as in an outage or with Azurite stopped), and
/// <see cref="Restore"/> lets them through again. The tests share one Azurite, so stopping the real one is not an option.
/// </summary>
public sealed partial class StorageProxy : IAsyncDisposable
{
    private readonly List<(TcpListener Listener, IPEndPoint Target)> forwarders = [];
    private readonly ConcurrentDictionary<Socket, bool> open = new();
    private readonly CancellationTokenSource stopping = new();
    private volatile bool cut;

    public StorageProxy(string connectionString)
    {
        ConnectionString = EndpointPattern().Replace(connectionString, m =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            forwarders.Add((listener, new IPEndPoint(IPAddress.Loopback, int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))));
            return $"{m.Groups["name"].Value}=http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        });
        foreach (var (listener, target) in forwarders)
        {
            _ = AcceptAsync(listener, target);
        }
    }

    /// <summary>The same account, reached through the proxy.</summary>
    public string ConnectionString { get; }

    public void Cut()
    {
        cut = true;
        foreach (var socket in open.Keys)
        {
            Reset(socket);
        }
    }

    public void Restore() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var (listener, _) in forwarders)
        {
            listener.Stop();
        }

        foreach (var socket in open.Keys)
        {
            Reset(socket);
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, IPEndPoint target)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (cut)
            {
                Reset(client);
                continue;
            }

            _ = ForwardAsync(client, target);
        }
    }

    private async Task ForwardAsync(Socket client, IPEndPoint target)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open[client] = true;
        open[server] = true;
        try
        {
            await server.ConnectAsync(target, stopping.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, stopping.Token)) > 0 && !cut)
            {
                await to.SendAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes with a reset, as a storage front end that went away would look to a client.</summary>
    private void Reset(Socket socket)
    {
        open.TryRemove(socket, out _);
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [GeneratedRegex(@"(?<name>BlobEndpoint|QueueEndpoint|TableEndpoint)=http://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex EndpointPattern();
}

using System.Text;

namespace PeerFlow.Bench.Proxy;

/// <summary>
/// Finds the HTTP/1.1 requests in one connection's client-to-server byte stream: reads each request head, reports it,
/// and skips its body by Content-Length. A chunked body cannot be skipped this simply; the scanner then stops counting
/// on that connection and says so (<see cref="Lost"/>), rather than guess. The Azure SDK sends Content-Length.
/// </summary>
internal sealed class HttpRequestScanner(Action<RequestHead> onRequest)
{
    private const int MaxHead = 64 * 1024;
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly byte[] head = new byte[MaxHead];
    private int headLength;
    private long bodyLeft;

    /// <summary>True once the stream could not be followed; nothing more is counted on this connection.</summary>
    public bool Lost { get; private set; }

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && !Lost)
        {
            if (bodyLeft > 0)
            {
                var skip = (int)Math.Min(bodyLeft, data.Length);
                bodyLeft -= skip;
                data = data[skip..];
                continue;
            }

            if (headLength == MaxHead)
            {
                Lost = true;
                return;
            }

            head[headLength++] = data[0];
            data = data[1..];
            if (headLength >= EndOfHead.Length && head.AsSpan(headLength - EndOfHead.Length, EndOfHead.Length).SequenceEqual(EndOfHead))
            {
                OnHead(Encoding.ASCII.GetString(head, 0, headLength));
                headLength = 0;
            }
        }
    }

    private void OnHead(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 3)
        {
            // A blank line between requests is allowed; anything else means the stream is not what it seems.
            Lost = text.Trim().Length > 0;
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        onRequest(new RequestHead(requestLine[0], requestLine[1], headers));
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            Lost = true;
        }
        else if (headers.TryGetValue("Content-Length", out var length) && long.TryParse(length, System.Globalization.CultureInfo.InvariantCulture, out var bytes))
        {
            bodyLeft = bytes;
        }
    }
}

/// <param name="Target">The request target as sent: path and query.</param>
internal sealed record RequestHead(string Method, string Target, IReadOnlyDictionary<string, string> Headers);

using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>
/// Without a handler, one message that is not Base64 fails every receive that includes it, for ever. The handler
/// hands such messages to the receive call that met them (through an async-local list), which reports them as
/// unreadable work items so that the caller can log and delete them.
/// </summary>
internal static class UndecodableMessages
{
    private static readonly AsyncLocal<List<QueueMessage>?> Sink = new();

    /// <summary>Starts collecting for the calling async flow; the returned list fills during the receive.</summary>
    public static List<QueueMessage> Collect()
    {
        var list = new List<QueueMessage>();
        Sink.Value = list;
        return list;
    }

    public static void Stop() => Sink.Value = null;

    public static Task CollectAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is { } message && Sink.Value is { } list)
        {
            lock (list)
            {
                list.Add(message);
            }
        }

        return Task.CompletedTask;
    }
}

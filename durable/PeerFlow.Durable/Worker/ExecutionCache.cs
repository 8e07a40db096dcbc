using PeerFlow.Durable.Execution;

namespace PeerFlow.Durable.Worker;

/// <summary>Live executions by instance id, least recently used evicted first. Valid only while the stored ETag is unchanged.</summary>
internal sealed class ExecutionCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> order = new();
    private readonly Lock gate = new();

    public Entry? Get(string instanceId)
    {
        lock (gate)
        {
            if (!map.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            order.Remove(node);
            order.AddFirst(node);
            return node.Value;
        }
    }

    public void Put(string instanceId, string etag, OrchestrationExecution execution)
    {
        lock (gate)
        {
            Remove(instanceId);
            map[instanceId] = order.AddFirst(new Entry(instanceId, etag, execution));
            while (map.Count > capacity && order.Last is { } oldest)
            {
                order.RemoveLast();
                map.Remove(oldest.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (gate)
        {
            if (map.Remove(instanceId, out var node))
            {
                order.Remove(node);
            }
        }
    }

    internal sealed record Entry(string InstanceId, string ETag, OrchestrationExecution Execution);
}

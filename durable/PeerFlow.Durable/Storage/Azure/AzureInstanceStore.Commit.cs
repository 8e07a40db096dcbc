using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

public sealed partial class AzureInstanceStore
{
    /// <summary>The table service's limit for one entity-group transaction.</summary>
    internal const int MaxTransactionOperations = 100;

    /// <summary>
    /// Returned when a commit succeeded but the service did not say the state row's new ETag. It matches nothing,
    /// so the caller's next load reads the history again and its next commit without a load fails and retries:
    /// slower, never wrong.
    /// </summary>
    internal const string UnknownETag = "unknown";

    public async Task<string?> TryCommitAsync(EpisodeCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instanceId = commit.State.InstanceId;
        var consumed = commit.ConsumedInbox.Distinct(StringComparer.Ordinal).ToList();
        var operations = 1 + (commit.Events.Count > 0 ? 1 : 0) + consumed.Count;
        if (operations > MaxTransactionOperations)
        {
            throw new InvalidOperationException(
                $"The commit of episode {commit.Episode} of '{instanceId}' needs {operations} table operations (state, history, {consumed.Count} inbox deletes); one transaction allows {MaxTransactionOperations}. Consume fewer inbox messages per episode.");
        }

        var state = await StateRow.ToEntityAsync(commit.State, blobs, cancellationToken);
        var actions = new List<TableTransactionAction>(operations)
        {
            commit.State.ETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, state, new ETag(etag))
                : new(TableTransactionActionType.Add, state),
        };
        string? historyKey = null;
        string? eventsBlob = null;
        if (commit.Events.Count > 0)
        {
            var (row, blob) = await HistoryRow.ToEntityAsync(instanceId, commit.Generation, commit.Episode, commit.Events, blobs, cancellationToken);
            historyKey = row.RowKey;
            eventsBlob = blob;
            actions.Add(new(TableTransactionActionType.Add, row));
        }

        actions.AddRange(consumed.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, RowKeys.Inbox(id)), ETag.All)));
        try
        {
            var response = await history.SubmitTransactionAsync(actions, cancellationToken);
            return response.Value.Count > 0 && response.Value[0].Headers.ETag is { } newETag ? newETag.ToString() : UnknownETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // 412: the state row changed since it was read. 409: the history row exists, so another writer
            // committed this episode (or the state row exists, for a commit without an ETag).
            if (historyKey is not null && eventsBlob is not null)
            {
                await DeleteUnreferencedAsync(instanceId, historyKey, [eventsBlob], cancellationToken);
            }

            return null;
        }
    }
}

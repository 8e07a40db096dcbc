using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

public sealed partial class AzureInstanceStore
{
    private const int MaxPageSize = 1000;

    public async Task UpsertIndexAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await instances.UpsertEntityAsync(IndexRow.ToEntity(state), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>One page of index rows matching <paramref name="query"/>; ranges include both ends.</summary>
    public async Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var pages = instances.QueryAsync<TableEntity>(IndexQueryFilter.Build(query), pageSize, cancellationToken: cancellationToken)
            .AsPages(query.ContinuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new InstancePage([.. page.Values.Select(IndexRow.FromEntity)], page.ContinuationToken);
        }

        return new InstancePage([], null);
    }
}

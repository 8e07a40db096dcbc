using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Workflow;

/// <summary>
/// Every open referral's plan, one row each, written by its workflow whenever the plan changes. Alerts and "what is
/// scheduled next" are read from here, never from the engine. Rows sit in one partition per scheme; a closed
/// referral's row leaves it for a marker in the scheme's closed partition, which alerts never read.
/// </summary>
public sealed class ScheduleBoard(TableClient table)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TableClient Table => table;

    /// <summary>
    /// Writes the row unless one planned later (by the workflow's clock, <paramref name="plannedAt"/>) is there: the
    /// engine can run an activity again after its result was used, and a crash run saw such a late re-run put back an
    /// assessment reminder the workflow had long moved past. False when the stored plan is newer. Without a time (a
    /// publish sent before the time was added) it writes, as before.
    /// </summary>
    public async Task<bool> SetAsync(ScheduleRow row, DateTime? plannedAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(row.SchemeId, row.ReferralId)
        {
            ["Stage"] = row.Stage,
            ["Data"] = JsonSerializer.Serialize(row, Json),
            ["UpdatedAt"] = new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)),
            // A sortable string, empty when nothing is due: the filter stays a plain range, compared alike everywhere.
            ["DueAt"] = row.DueAt is { } due ? Sortable(due) : "",
        };
        if (plannedAt is { } mine)
        {
            entity["PlannedAt"] = new DateTimeOffset(DateTime.SpecifyKind(mine, DateTimeKind.Utc));
        }

        while (true)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(row.SchemeId, row.ReferralId, ["PlannedAt"], cancellationToken);
            try
            {
                if (!stored.HasValue)
                {
                    if (plannedAt is { } before && await ClosedAtAsync(row.SchemeId, row.ReferralId, cancellationToken) is { } closed && closed >= DateTime.SpecifyKind(before, DateTimeKind.Utc))
                    {
                        // A plan made before the workflow closed the referral, run again after its row went.
                        return false;
                    }

                    await table.AddEntityAsync(entity, cancellationToken);
                    return true;
                }

                if (plannedAt is { } ours && stored.Value!.GetDateTimeOffset("PlannedAt") is { } theirs && theirs.UtcDateTime > DateTime.SpecifyKind(ours, DateTimeKind.Utc))
                {
                    return false;
                }

                await table.UpdateEntityAsync(entity, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another write came between the read and this one: read again.
            }
        }
    }

    public async Task<ScheduleRow?> GetAsync(string schemeId, string referralId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(schemeId, referralId, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Rows of these schemes whose due time is at or before <paramref name="horizon"/>: one range per scheme's partition.</summary>
    public async Task<IReadOnlyList<ScheduleRow>> DueByAsync(DateTime horizon, IEnumerable<string> schemeIds, CancellationToken cancellationToken)
    {
        var perScheme = await Task.WhenAll(schemeIds.Distinct(StringComparer.Ordinal).Select(async schemeId =>
        {
            FormattableString filter = $"PartitionKey eq {schemeId} and DueAt ne {""} and DueAt le {Sortable(horizon)}";
            Storage.TableScans.Check(table.Name, grows: true, filter.Format);
            var rows = new List<ScheduleRow>();
            await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(filter), cancellationToken: cancellationToken))
            {
                rows.Add(Read(entity));
            }

            return rows;
        }));
        return [.. perScheme.SelectMany(r => r)];
    }

    /// <summary>
    /// The referral has closed at <paramref name="plannedAt"/> (the workflow's time): its row goes, and a marker in the
    /// scheme's closed partition keeps a plan made earlier, which the engine may run again later, from coming back.
    /// </summary>
    public async Task CloseAsync(string schemeId, string referralId, DateTime? plannedAt, CancellationToken cancellationToken)
    {
        if (plannedAt is { } at)
        {
            await table.UpsertEntityAsync(
                new TableEntity(ClosedPartition(schemeId), referralId) { ["PlannedAt"] = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) },
                TableUpdateMode.Replace,
                cancellationToken);
        }

        await DeleteRowAsync(schemeId, referralId, cancellationToken);
    }

    /// <summary>Everything kept of the referral here, its closed marker included (erasure).</summary>
    public async Task DeleteAsync(string schemeId, string referralId, CancellationToken cancellationToken)
    {
        await DeleteRowAsync(schemeId, referralId, cancellationToken);
        await DeleteRowAsync(ClosedPartition(schemeId), referralId, cancellationToken);
    }

    private static string ClosedPartition(string schemeId) => "closed|" + schemeId;

    private async Task<DateTime?> ClosedAtAsync(string schemeId, string referralId, CancellationToken cancellationToken)
    {
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(ClosedPartition(schemeId), referralId, ["PlannedAt"], cancellationToken);
        return marker.HasValue ? marker.Value!.GetDateTimeOffset("PlannedAt")?.UtcDateTime : null;
    }

    private async Task DeleteRowAsync(string partitionKey, string referralId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, referralId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Never planned, or already gone.
        }
    }

    private static ScheduleRow Read(TableEntity entity) => JsonSerializer.Deserialize<ScheduleRow>(entity.GetString("Data")!, Json)!;

    private static string Sortable(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

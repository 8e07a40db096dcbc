using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Workflow;

/// <summary>
/// Every open referral's plan, one row each, written by its workflow whenever the plan changes. Alerts and "what is
/// scheduled next" are read from here, never from the engine. Rows sit in one partition per scheme.
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

    public async Task DeleteAsync(string schemeId, string referralId, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(schemeId, referralId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Never planned, or already gone.
        }
    }

    private static ScheduleRow Read(TableEntity entity) => JsonSerializer.Deserialize<ScheduleRow>(entity.GetString("Data")!, Json)!;

    private static string Sortable(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

namespace PeerFlow.Domain.Storage;

/// <summary>A query that named no partition or row key on a table that grows with referrals: it reads the whole table.</summary>
/// <param name="During">The endpoint being answered when it was made; null outside a request (a sweeper, a start-up job).</param>
public sealed record TableScan(string Table, string Filter, string? During);

/// <summary>
/// The one place every query on a table that grows with referrals passes through. A query whose filter does not start
/// with a <c>PartitionKey</c> or <c>RowKey</c> condition (so the service cannot go to the rows it wants, and reads
/// them all) is reported to <see cref="Observed"/>: the test of issue 20 listens there while it drives the pages, and
/// fails on any scan it did not list as still to fix. Nothing is refused: a sweeper's rare scan is allowed, a page's
/// is a bug the test finds.
/// </summary>
public static class TableScans
{
    /// <summary>Raised, on the querying thread, for each scan of a growing table.</summary>
    public static event Action<TableScan>? Observed;

    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>Says which endpoint the queries made until disposal answer; the web pipeline sets it per request.</summary>
    public static IDisposable During(string endpoint)
    {
        var outer = Current.Value;
        Current.Value = endpoint;
        return new Restore(outer);
    }

    /// <summary>
    /// Reports <paramref name="filterFormat"/> (the filter as written, before its values are filled in) when it does not
    /// confine the query to keys: it must start with a key condition, and an <c>or</c> outside parentheses counts as a
    /// scan (its other side may name no key).
    /// </summary>
    public static void Check(string table, bool grows, string? filterFormat)
    {
        if (!grows || Keyed(filterFormat))
        {
            return;
        }

        Observed?.Invoke(new TableScan(table, filterFormat ?? "", Current.Value));
    }

    internal static bool Keyed(string? filterFormat)
    {
        if (filterFormat is null
            || !(filterFormat.StartsWith("PartitionKey ", StringComparison.Ordinal) || filterFormat.StartsWith("RowKey ", StringComparison.Ordinal)))
        {
            return false;
        }

        // "PartitionKey eq {a} and (X or Y)" stays in one partition; "PartitionKey eq {a} or X" does not.
        var depth = 0;
        for (var i = 0; i < filterFormat.Length; i++)
        {
            depth += filterFormat[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && string.CompareOrdinal(filterFormat, i, " or ", 0, 4) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose() => Current.Value = outer;
    }
}

namespace PeerFlow.Durable.Storage.Memory;

/// <summary>Evaluates an <see cref="InstanceQuery"/> the way the table service evaluates the filter built from it.</summary>
internal static class MemoryIndexQuery
{
    public static bool Matches(InstanceQuery query, InstanceRecord record) =>
        (query.Name is null || string.Equals(record.Name, query.Name, StringComparison.Ordinal))
        && (query.Statuses is not { Count: > 0 } statuses || statuses.Contains(record.Status))
        && InRange(record.CreatedAt, query.CreatedFrom, query.CreatedTo)
        && InRange(record.UpdatedAt, query.UpdatedFrom, query.UpdatedTo)
        && query.Attributes.All(a => Matches(a, record));

    private static bool InRange(DateTime value, DateTime? from, DateTime? to) =>
        (from is not { } f || value >= Azure.TableValues.ToUtc(f)) && (to is not { } t || value <= Azure.TableValues.ToUtc(t));

    /// <summary>String comparison by UTF-16 code units; an instance without the attribute never matches, as in a table filter.</summary>
    private static bool Matches(AttributeFilter filter, InstanceRecord record)
    {
        if (!record.Attributes.TryGetValue(filter.Name, out var value))
        {
            return false;
        }

        var order = string.CompareOrdinal(value, filter.Value);
        return filter.Operator switch
        {
            AttributeOperator.Equal => order == 0,
            AttributeOperator.LessThan => order < 0,
            AttributeOperator.LessThanOrEqual => order <= 0,
            AttributeOperator.GreaterThan => order > 0,
            AttributeOperator.GreaterThanOrEqual => order >= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "Unknown attribute operator."),
        };
    }
}

using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>Turns an <see cref="InstanceQuery"/> into an OData filter over the index table; every value is escaped.</summary>
internal static class IndexQueryFilter
{
    public static string? Build(InstanceQuery query)
    {
        var parts = new List<string>();
        if (query.Name is { } name)
        {
            parts.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        // An empty set means "any status", like no set at all.
        if (query.Statuses is { Count: > 0 } statuses)
        {
            parts.Add("(" + string.Join(" or ", statuses.Distinct().Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        AddTime(parts, "CreatedAt", "ge", query.CreatedFrom);
        AddTime(parts, "CreatedAt", "le", query.CreatedTo);
        AddTime(parts, "UpdatedAt", "ge", query.UpdatedFrom);
        AddTime(parts, "UpdatedAt", "le", query.UpdatedTo);
        foreach (var attribute in query.Attributes)
        {
            var property = IndexRow.AttributePrefix + IndexRow.CheckAttribute(attribute.Name);
            parts.Add($"{property} {Operator(attribute.Operator)} {TableClient.CreateQueryFilter($"{attribute.Value}")}");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static void AddTime(List<string> parts, string property, string op, DateTime? value)
    {
        if (value is { } time)
        {
            parts.Add($"{property} {op} {TableClient.CreateQueryFilter($"{new DateTimeOffset(TableValues.ToUtc(time))}")}");
        }
    }

    private static string Operator(AttributeOperator op) => op switch
    {
        AttributeOperator.Equal => "eq",
        AttributeOperator.LessThan => "lt",
        AttributeOperator.LessThanOrEqual => "le",
        AttributeOperator.GreaterThan => "gt",
        AttributeOperator.GreaterThanOrEqual => "ge",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown attribute operator."),
    };
}

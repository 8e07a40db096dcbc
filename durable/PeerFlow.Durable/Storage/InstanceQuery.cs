namespace PeerFlow.Durable.Storage;

public enum AttributeOperator
{
    Equal,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

public sealed record AttributeFilter(string Name, AttributeOperator Operator, string Value);

/// <summary>A filter over the instance index. Every condition given must hold.</summary>
public sealed record InstanceQuery
{
    public string? Name { get; init; }

    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public DateTime? CreatedFrom { get; init; }

    public DateTime? CreatedTo { get; init; }

    public DateTime? UpdatedFrom { get; init; }

    public DateTime? UpdatedTo { get; init; }

    public IReadOnlyList<AttributeFilter> Attributes { get; init; } = [];

    public int PageSize { get; init; } = 100;

    public string? ContinuationToken { get; init; }
}

public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);

namespace PeerFlow.Domain.Schemes;

/// <summary>One scheme of the organisation, with the staff its alerts go to.</summary>
public sealed record Scheme
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>Who triages and matches; receives reminders and overdue alerts.</summary>
    public required StaffContact Coordinator { get; init; }

    /// <summary>Who receives escalations and the monthly report.</summary>
    public required StaffContact Manager { get; init; }

    public IReadOnlyList<string> ReportRecipients { get; init; } = [];

    public required SchemePolicy Policy { get; init; }
}

public sealed record StaffContact(string Name, string Email);

/// <summary>A deployment serves one organisation with several schemes.</summary>
public sealed record Organisation
{
    public required string Name { get; init; }

    public IReadOnlyList<Scheme> Schemes { get; init; } = [];
}

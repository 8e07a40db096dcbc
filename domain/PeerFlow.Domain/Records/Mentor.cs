namespace PeerFlow.Domain.Records;

/// <summary>A volunteer mentor. <see cref="ActiveMatches"/> changes only through ETag-guarded updates, so capacity holds under concurrency.</summary>
public sealed record Mentor
{
    public required string Id { get; init; }

    public required string SchemeId { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>A UK mobile in E.164 (+447…), for texts; normalised when it is collected.</summary>
    public string? Mobile { get; init; }

    /// <summary>Whether they agreed to be texted: without it, no text goes, whatever they prefer.</summary>
    public bool TextConsent { get; init; }

    public Sms.ContactChannel PreferredChannel { get; init; }

    public bool Active { get; init; } = true;

    public int Capacity { get; init; } = 2;

    /// <summary>Proposed and active matches both hold a place.</summary>
    public int ActiveMatches { get; init; }

    public DateOnly? DbsCheckExpires { get; init; }

    public bool TrainingCompleted { get; init; }

    public DateOnly? TrainingExpires { get; init; }

    /// <summary>The latest supervision in the mentor's log; null when none is logged.</summary>
    public DateOnly? LastSupervisionOn { get; init; }

    public string? PostcodeDistrict { get; init; }

    public IReadOnlyList<string> Availability { get; init; } = [];

    public IReadOnlyList<string> Interests { get; init; } = [];

    public IReadOnlyList<string> Experiences { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string? Gender { get; init; }

    public IReadOnlyList<string> LearningStyles { get; init; } = [];

    public IReadOnlyList<string> ConflictsOfInterest { get; init; } = [];
}

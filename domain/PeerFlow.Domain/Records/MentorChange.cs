namespace PeerFlow.Domain.Records;

/// <summary>
/// A change to a mentor's place in the scheme, kept so a month's report can say how many mentors and places there were
/// at its end, and who joined and left in it: a mentor added (<see cref="Joined"/>), or their capacity or whether they
/// are active changed, with what it was before. PartitionKey = scheme id, RowKey = mentor id and time. A mentor with no
/// change recorded has been as they are now since before changes were recorded.
/// </summary>
public sealed record MentorChange(string MentorId, string SchemeId, DateTime At, bool Joined, bool WasActive, int WasCapacity, bool Active, int Capacity)
{
    /// <summary>The mentor as they stood at <paramref name="asOf"/> by their changes (oldest first); null if not yet added.</summary>
    public static (bool Active, int Capacity)? StateAt(IReadOnlyList<MentorChange> changes, DateTime asOf, Mentor now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(now);
        if (changes.LastOrDefault(c => c.At < asOf) is { } last)
        {
            return (last.Active, last.Capacity);
        }

        return changes.Count == 0 ? (now.Active, now.Capacity)
            : changes[0].Joined ? null
            : (changes[0].WasActive, changes[0].WasCapacity);
    }
}

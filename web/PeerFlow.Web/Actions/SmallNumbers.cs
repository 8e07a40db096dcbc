namespace PeerFlow.Web.Actions;

/// <summary>
/// Counts of people in a table whose total is shown elsewhere, with the small ones hidden so that no one can be
/// picked out. Hiding only the small ones is not enough: where one count alone is hidden, the total less the others
/// gives it back, so the next smallest is hidden with it (secondary suppression, as official statistics do).
/// </summary>
public static class SmallNumbers
{
    /// <summary>Counts below this are hidden: the few could be recognised.</summary>
    public const int Threshold = 5;

    /// <summary>The counts as shown, in the same order: null where hidden. None is shown as 0: it singles no one out.</summary>
    public static int?[] Shown(IReadOnlyList<int> counts)
    {
        var shown = counts.Select(c => c == 0 || c >= Threshold ? c : (int?)null).ToArray();
        if (shown.Count(s => s is null) == 1)
        {
            var others = Enumerable.Range(0, shown.Length).Where(i => shown[i] > 0).ToList();
            if (others.Count > 0)
            {
                shown[others.MinBy(i => shown[i])] = null;
            }
        }

        return shown;
    }
}

using System.Globalization;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>
/// Row keys of an instance's partition in the history table. They sort as history ('h:') &lt; inbox ('m:') &lt;
/// state, which lets one range query read the inbox and the state without the history.
/// </summary>
internal static class RowKeys
{
    public const string State = "state";
    public const string HistoryPrefix = "h:";
    public const string InboxPrefix = "m:";

    public static string History(int generation, int episode) =>
        string.Create(CultureInfo.InvariantCulture, $"h:{generation:D6}:{episode:D8}");

    /// <summary>The lowest key of a generation's history rows; every row of older generations sorts before it.</summary>
    public static string GenerationStart(int generation) => string.Create(CultureInfo.InvariantCulture, $"h:{generation:D6}:");

    public static string Inbox(string messageId) => InboxPrefix + messageId;

    public static bool TryParseHistory(string rowKey, out int generation, out int episode)
    {
        generation = episode = 0;
        return rowKey.Length == 17 && rowKey.StartsWith(HistoryPrefix, StringComparison.Ordinal) && rowKey[8] == ':'
            && int.TryParse(rowKey.AsSpan(2, 6), NumberStyles.None, CultureInfo.InvariantCulture, out generation)
            && int.TryParse(rowKey.AsSpan(9, 8), NumberStyles.None, CultureInfo.InvariantCulture, out episode);
    }

    /// <summary>
    /// Keys may not contain '/', '\', '#', '?' or control characters; instance and message ids become keys, and an
    /// instance id also names its blobs' folder, so a bad one is refused before anything is written.
    /// </summary>
    public static string CheckKey(string value, string paramName)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 400 || value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{value}' cannot be used as a storage key: 1 to 400 characters, none of / \\ # ? or control characters.", paramName);
        }

        return value;
    }
}

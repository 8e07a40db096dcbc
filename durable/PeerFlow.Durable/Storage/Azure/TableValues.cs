using System.Globalization;
using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>Conversions between record fields and table properties that every row kind shares.</summary>
internal static class TableValues
{
    /// <summary>
    /// Times are stored as UTC; an unspecified kind is taken to be UTC already. The default value is left out,
    /// because the table service rejects dates before 1601.
    /// </summary>
    public static void SetTime(TableEntity row, string property, DateTime? value)
    {
        if (value is { } time && time != default)
        {
            row[property] = new DateTimeOffset(ToUtc(time));
        }
    }

    public static DateTime? GetTime(TableEntity row, string property) => row.GetDateTimeOffset(property)?.UtcDateTime;

    public static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    public static T GetEnum<T>(TableEntity row, string property) where T : struct, Enum =>
        Enum.TryParse<T>(row.GetString(property), out var value) ? value : default;

    public static string Day(DateTime time) => ToUtc(time).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

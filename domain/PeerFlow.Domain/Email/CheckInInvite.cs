using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcsCalendar = Ical.Net.Calendar;

namespace PeerFlow.Domain.Email;

/// <summary>The calendar invite (.ics) attached to a check-in reminder.</summary>
public static class CheckInInvite
{
    public const string FileName = "peerflow-check-in.ics";
    public const string MimeType = "text/calendar";
    private const string TimeZoneId = "Europe/London";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>
    /// An event in Europe/London time. Its summary names no one: calendars are shared, synced and shown on lock
    /// screens. The UID depends only on <paramref name="checkInId"/>, so a second invite for the same check-in
    /// updates the first instead of adding another event.
    /// </summary>
    /// <param name="stamp">When the invite was made (DTSTAMP), from the caller's TimeProvider.</param>
    public static EmailAttachment Create(string checkInId, DateTimeOffset start, DateTimeOffset end, string organiserAddress, DateTimeOffset stamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkInId);
        ArgumentException.ThrowIfNullOrEmpty(organiserAddress);
        if (end <= start)
        {
            throw new ArgumentException("A check-in must end after it starts.", nameof(end));
        }

        var calendar = new IcsCalendar { ProductId = "-//PeerFlow//Check-ins//EN", Method = "PUBLISH" };
        // Rules from a year before the event: enough for any client, and independent of the machine's clock.
        calendar.AddTimeZone(TimeZoneId, start.UtcDateTime.AddYears(-1), includeHistoricalData: false);
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"checkin-{checkInId}@peerflow",
            Summary = "PeerFlow check-in",
            Description = "Time for your PeerFlow check-in. Use the link in the reminder email to log it.",
            DtStart = InLondon(start),
            DtEnd = InLondon(end),
            DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC", hasTime: true),
            Organizer = new Organizer("mailto:" + organiserAddress) { CommonName = "PeerFlow" },
        });
        var ics = new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net produced no calendar text.");
        return new EmailAttachment(FileName, MimeType, Encoding.UTF8.GetBytes(ics));
    }

    private static CalDateTime InLondon(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, London).DateTime;
        return new CalDateTime(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), TimeZoneId);
    }
}

using System.Text;
using Ical.Net.CalendarComponents;
using PeerFlow.Domain.Email;
using IcsCalendar = Ical.Net.Calendar;

namespace PeerFlow.Domain.Tests.Email;

public class CheckInInviteTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_invite_is_an_ics_event_in_London_time_that_names_no_one()
    {
        var attachment = CheckInInvite.Create("ci-42", Start, Start.AddMinutes(30), "noreply@peerflow.local", Start.AddDays(-7));
        var text = Encoding.UTF8.GetString(attachment.Content.Span);

        Assert.Equal("text/calendar", attachment.MimeType);
        Assert.EndsWith(".ics", attachment.FileName, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/London:20260701T100000", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=Europe/London:20260701T103000", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
        Assert.Contains("ORGANIZER;CN=PeerFlow:mailto:noreply@peerflow.local", text, StringComparison.Ordinal);

        var calendarEvent = Assert.Single(IcsCalendar.Load(text)!.Events);
        Assert.Equal("PeerFlow check-in", calendarEvent!.Summary);
        Assert.Equal("checkin-ci-42@peerflow", calendarEvent.Uid);
    }

    [Fact]
    public void The_uid_is_stable_per_check_in_so_a_second_invite_updates_the_first()
    {
        CalendarEvent Event(string id, DateTimeOffset start) =>
            IcsCalendar.Load(Encoding.UTF8.GetString(CheckInInvite.Create(id, start, start.AddHours(1), "a@b.example", start).Content.Span))!.Events.Single()!;

        Assert.Equal(Event("ci-1", Start).Uid, Event("ci-1", Start.AddDays(2)).Uid);
        Assert.NotEqual(Event("ci-1", Start).Uid, Event("ci-2", Start).Uid);
    }

    [Fact]
    public void A_check_in_must_end_after_it_starts()
    {
        Assert.Throws<ArgumentException>(() => CheckInInvite.Create("ci-1", Start, Start, "a@b.example", Start));
    }
}

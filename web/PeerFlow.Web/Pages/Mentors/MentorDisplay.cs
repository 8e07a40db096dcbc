using PeerFlow.Domain.Records;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>How a mentor's checks and load read on staff pages: a tag when something needs doing.</summary>
public static class MentorDisplay
{
    /// <summary>Renewals are chased two months ahead, earlier than the matcher's own warning, to leave time for a new check.</summary>
    public const int SoonDays = 60;

    /// <summary>Tag text and class for a check running out, or null while it has long to run.</summary>
    public static (string Text, string Css)? Expiry(DateOnly? expires, DateOnly today) => expires switch
    {
        null => ("None recorded", "tag--red"),
        // As the matcher counts it: on its expiry date a check no longer counts.
        { } d when d <= today => ("Expired", "tag--red"),
        { } d when d.DayNumber - today.DayNumber <= SoonDays => ("Expires soon", "tag--amber"),
        _ => null,
    };

    public static bool AtCapacity(Mentor mentor) => mentor.ActiveMatches >= mentor.Capacity;

    public static string Load(Mentor mentor) => $"{mentor.ActiveMatches} of {mentor.Capacity}";

    /// <summary>"weekday-evening" reads as "weekday evening".</summary>
    public static string Tags(IEnumerable<string> tags)
    {
        var text = string.Join(", ", tags.Select(t => t.Replace('-', ' ')));
        return text.Length == 0 ? "—" : text;
    }

    /// <summary>Today as the matcher sees it, so the tags here agree with the shortlist's exclusions.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

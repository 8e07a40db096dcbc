namespace PeerFlow.Domain.Links;

/// <summary>The one thing a signed link lets its holder do. Stored in tokens as a number: never renumber.</summary>
public enum LinkAction
{
    AcceptMatch = 1,
    DeclineMatch = 2,
    LogCheckIn = 3,
    MentorFeedback = 4,
    MenteeFeedback = 5,

    /// <summary>A matched mentee raises a worry or asks for a different mentor; usable while the match lasts.</summary>
    MenteeVoice = 6,

    /// <summary>The mentee scores the scheme's outcome scale; the subject is the moment ("start" or "close").</summary>
    MenteeOutcomes = 7,
}

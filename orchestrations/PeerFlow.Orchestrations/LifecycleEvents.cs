namespace PeerFlow.Orchestrations;

/// <summary>
/// What people do to a referral, raised by the API after it has stored the details. Payloads carry ids and codes
/// only: the details are in the records.
/// </summary>
public static class LifecycleEvents
{
    public const string AssessmentRecorded = "assessment-recorded";
    public const string MatchProposed = "match-proposed";
    public const string MatchResponse = "match-response";
    public const string CheckInLogged = "checkin-logged";
    public const string BreakdownReported = "breakdown-reported";
    public const string SafeguardingConcern = "safeguarding-concern";
    public const string ClosureRequested = "closure-requested";
    public const string FeedbackSubmitted = "feedback-submitted";
    public const string Recontacted = "recontacted";
    public const string FirstMeetingRecorded = "first-meeting-recorded";

    /// <summary>The one event raised to a workflow: "a signal is in your inbox". Its payload is the signal's id, unused.</summary>
    public const string Doorbell = "signal";
}

/// <summary>The one payload shape of every lifecycle event; each event fills the fields it needs.</summary>
public sealed record Signal
{
    public string? MatchId { get; init; }

    public bool Accepted { get; init; }

    public string? Outcome { get; init; }

    public DateOnly? RecontactOn { get; init; }

    public string? CheckInId { get; init; }

    public bool Met { get; init; }

    /// <summary>A check-in's red-amber-green status: "Green", "Amber" or "Red".</summary>
    public string? Rag { get; init; }

    /// <summary>A closure or breakdown reason code, e.g. "planned-end".</summary>
    public string? Reason { get; init; }

    /// <summary>"mentee" or "mentor", for feedback.</summary>
    public string? From { get; init; }
}

using PeerFlow.Domain.Records;

namespace PeerFlow.Orchestrations;

/// <summary>
/// What people do to a referral, one record type each, as the actions raise them: each fills exactly the fields its
/// event carries. They travel, and are kept in the inbox and in workflow history, as the one <see cref="Signal"/>
/// shape that recorded histories hold, so waiting instances read them as before.
/// </summary>
public abstract record LifecycleSignal(string Name)
{
    public abstract Signal Payload();
}

public sealed record AssessmentRecorded(AssessmentOutcome Outcome, DateOnly? RecontactOn) : LifecycleSignal(LifecycleEvents.AssessmentRecorded)
{
    public override Signal Payload() => new() { Outcome = Outcome.ToString(), RecontactOn = RecontactOn };
}

public sealed record Recontacted() : LifecycleSignal(LifecycleEvents.Recontacted)
{
    public override Signal Payload() => new();
}

public sealed record MatchProposed(string MatchId) : LifecycleSignal(LifecycleEvents.MatchProposed)
{
    public override Signal Payload() => new() { MatchId = MatchId };
}

public sealed record MatchAnswered(string MatchId, bool Accepted) : LifecycleSignal(LifecycleEvents.MatchResponse)
{
    public override Signal Payload() => new() { MatchId = MatchId, Accepted = Accepted };
}

public sealed record FirstMeetingRecorded() : LifecycleSignal(LifecycleEvents.FirstMeetingRecorded)
{
    public override Signal Payload() => new();
}

public sealed record CheckInLogged(string CheckInId, bool Met, RagStatus Rag) : LifecycleSignal(LifecycleEvents.CheckInLogged)
{
    public override Signal Payload() => new() { CheckInId = CheckInId, Met = Met, Rag = Rag.ToString() };
}

public sealed record BreakdownReported(string Reason) : LifecycleSignal(LifecycleEvents.BreakdownReported)
{
    public override Signal Payload() => new() { Reason = Reason };
}

/// <summary>Only that there is one: what it is about stays in the concern's record.</summary>
public sealed record SafeguardingRaised() : LifecycleSignal(LifecycleEvents.SafeguardingConcern)
{
    public override Signal Payload() => new();
}

public sealed record ClosureRequested(string Reason) : LifecycleSignal(LifecycleEvents.ClosureRequested)
{
    public override Signal Payload() => new() { Reason = Reason };
}

/// <summary>Feedback given at closure: <paramref name="From"/> is "mentee" or "mentor".</summary>
public sealed record FeedbackSubmitted(string From) : LifecycleSignal(LifecycleEvents.FeedbackSubmitted)
{
    public override Signal Payload() => new() { From = From };
}

using System.Reflection;
using PeerFlow.Domain.Records;
using PeerFlow.Orchestrations;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>Each signal's own record travels as the one payload shape that recorded histories hold.</summary>
public class LifecycleSignalsTests
{
    [Fact]
    public void Each_record_names_one_lifecycle_event_and_fills_only_its_own_fields()
    {
        var on = new DateOnly(2027, 3, 1);
        LifecycleSignal[] all =
        [
            new AssessmentRecorded(AssessmentOutcome.Deferred, on), new Recontacted(), new MatchProposed("m1"), new MatchAnswered("m1", Accepted: true),
            new FirstMeetingRecorded(), new CheckInLogged("c1", Met: true, RagStatus.Red), new BreakdownReported("moved-away"), new SafeguardingRaised(),
            new ClosureRequested("planned-end"), new FeedbackSubmitted("mentee"),
        ];
        var events = typeof(LifecycleEvents).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(all, s => Assert.Contains(s.Name, events));
        Assert.Equal(all.Length, all.Select(s => s.Name).Distinct().Count());

        Assert.Equal(new Signal { Outcome = "Deferred", RecontactOn = on }, all[0].Payload());
        Assert.Equal(new Signal { MatchId = "m1", Accepted = true }, all[3].Payload());
        Assert.Equal(new Signal { CheckInId = "c1", Met = true, Rag = "Red" }, all[5].Payload());
        Assert.Equal(new Signal { Reason = "planned-end" }, all[8].Payload());
        Assert.Equal(new Signal(), all[7].Payload()); // a concern's details stay in its record
    }
}

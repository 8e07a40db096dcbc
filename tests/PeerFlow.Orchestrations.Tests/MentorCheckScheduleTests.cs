using System.Globalization;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// The daily look at mentors' checks under virtual time: the coordinator hears of a DBS check or training 30 days
/// ahead and on the day it runs out, once each, at 08:00 London; a telling that could not be sent goes the next day.
/// </summary>
public class MentorCheckScheduleTests
{
    [Fact]
    public async Task TheCoordinatorIsToldAheadAndOnTheDay_OnceEach_AndAFailedTellingGoesTheNextDay()
    {
        // The first attempt at Bea's telling fails, as a SendGrid outage would.
        var sent = new OnceOnlyEmail("mentor-check:bea:training:2026-11-23:ahead");
        var (host, store) = await ScheduleTestHost.StartAsync(
            r => r.AddMentorChecks(),
            sent,
            new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
            [
                new Scheme
                {
                    Id = "fostering",
                    Name = "Foster Carer Mentoring",
                    Coordinator = new StaffContact("Jo Coordinator", "jo@example.org"),
                    Manager = new StaffContact("Sam Manager", "sam@example.org"),
                    Policy = new SchemePolicy(),
                },
            ]);
        await using var running = host;
        await AddAsync(store, Mentor("ana", new DateOnly(2026, 11, 24), trainingExpires: null) with { ActiveMatches = 2 });
        await AddAsync(store, Mentor("bea", new DateOnly(2027, 6, 1), trainingExpires: new DateOnly(2026, 11, 23)));
        await AddAsync(store, Mentor("cal", new DateOnly(2026, 11, 1), trainingExpires: null) with { Active = false });
        await AddAsync(store, Mentor("dee", new DateOnly(2027, 6, 1), trainingExpires: new DateOnly(2027, 6, 1)));

        await host.StartAsync(MentorCheckSchedule.Name, null, MentorCheckSchedule.InstanceId);
        await host.AdvanceToAsync(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            [
                ("2026-11-21T08:00", "mentor-check:ana:dbs:2026-11-24:ahead"),
                ("2026-11-22T08:00", "mentor-check:bea:training:2026-11-23:ahead"),
                ("2026-11-23T08:00", "mentor-check:bea:training:2026-11-23:lapsed"),
                ("2026-11-24T08:00", "mentor-check:ana:dbs:2026-11-24:lapsed"),
            ],
            sent.Sent.Select(e => (LifecycleHarness.Minute(e.At).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), e.Key)).OrderBy(e => e.Item1, StringComparer.Ordinal));
        var lapsed = sent.Sent.Single(e => e.Key.EndsWith("ana:dbs:2026-11-24:lapsed", StringComparison.Ordinal)).Email;
        Assert.Equal(("jo@example.org", EmailTemplateNames.MentorCheck), (lapsed.ToAddress, lapsed.Template));
        Assert.Equal(
            new MentorCheckModel("Jo", "Mentor ana", "Foster Carer Mentoring", "DBS check", new DateOnly(2026, 11, 24), true, 2, "https://peerflow.example.org/mentors/ana"),
            lapsed.Model);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStatusAsync(MentorCheckSchedule.InstanceId)).RuntimeStatus);
    }

    private static Mentor Mentor(string id, DateOnly dbs, DateOnly? trainingExpires) => new()
    {
        Id = id,
        SchemeId = "fostering",
        Name = "Mentor " + id,
        Email = id + "@example.org",
        DbsCheckExpires = dbs,
        TrainingCompleted = true,
        TrainingExpires = trainingExpires,
    };

    private static Task<bool> AddAsync(PeerFlowStore store, Mentor mentor) =>
        store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), CancellationToken.None);
}

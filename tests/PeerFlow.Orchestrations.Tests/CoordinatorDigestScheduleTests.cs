using System.Globalization;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// The coordinators' digest under virtual time: at 09:00 London one email per scheme lists what was held before it,
/// and removes it; what is held after 09:00 waits for the next day; a digest that could not be sent is carried by the
/// next one, so nothing held is lost or listed in two sent digests.
/// </summary>
public class CoordinatorDigestScheduleTests
{
    [Fact]
    public async Task EachMorning_OneEmailPerSchemeListsWhatWasHeldBefore0900_AndAFailedDigestIsCarriedByTheNext()
    {
        var sent = new OnceOnlyEmail("coordinator-digest:fostering:2026-11-21");
        var (host, store) = await ScheduleTestHost.StartAsync(
            r => r.AddCoordinatorDigests(), sent, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), [Scheme("fostering", "Jo Coordinator"), Scheme("adoption", "Kim Coordinator")]);
        await using var running = host;
        await HoldAsync(store, "fostering", "r1", "FC-2026-0001", host.Clock, DigestReason.Flood);
        await HoldAsync(store, "fostering", "r2", "FC-2026-0002", host.Clock, DigestReason.Chosen);

        await host.StartAsync(CoordinatorDigestSchedule.Name, null, CoordinatorDigestSchedule.InstanceId);
        // The first morning's email fails; at noon a third is held.
        await host.AdvanceToAsync(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        Assert.Empty(sent.Sent);
        Assert.Equal(2, (await store.Digest.WaitingAsync("fostering", CancellationToken.None)).Count);
        await HoldAsync(store, "fostering", "r3", "FC-2026-0003", host.Clock, DigestReason.Chosen);

        // The second morning carries all three; at noon a fourth is held, and waits for the third morning.
        await host.AdvanceToAsync(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var second = Assert.Single(sent.Sent);
        Assert.Equal(("2026-11-22T09:00", "coordinator-digest:fostering:2026-11-22", "jo@example.org"), (Minute(second.At), second.Key, second.Email.ToAddress));
        var model = Assert.IsType<CoordinatorDigestModel>(second.Email.Model);
        Assert.Equal(["FC-2026-0001", "FC-2026-0002", "FC-2026-0003"], model.Items.Select(i => i.Reference));
        Assert.Equal((1, "Jo", "https://peerflow.example.org/referrals/r1"), (model.Flooded, model.RecipientFirstName, model.Items[0].ReferralUrl));
        Assert.Empty(await store.Digest.WaitingAsync("fostering", CancellationToken.None));
        await HoldAsync(store, "fostering", "r4", "FC-2026-0004", host.Clock, DigestReason.Chosen);

        await host.AdvanceToAsync(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var third = Assert.Single(sent.Sent, s => s.Key == "coordinator-digest:fostering:2026-11-23");
        Assert.Equal(["FC-2026-0004"], Assert.IsType<CoordinatorDigestModel>(third.Email.Model).Items.Select(i => i.Reference));
        Assert.Equal(2, sent.Sent.Count); // nothing to tell adoption's coordinator, so nothing sent
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStatusAsync(CoordinatorDigestSchedule.InstanceId)).RuntimeStatus);
    }

    private static Scheme Scheme(string id, string coordinator) => new()
    {
        Id = id,
        Name = id + " scheme",
        Coordinator = new StaffContact(coordinator, coordinator.Split(' ')[0].ToLowerInvariant() + "@example.org"),
        Manager = new StaffContact("Sam Manager", "sam@example.org"),
        Policy = new SchemePolicy(),
    };

    private static Task<bool> HoldAsync(PeerFlowStore store, string scheme, string referralId, string reference, TimeProvider clock, DigestReason reason) =>
        store.Digest.HoldAsync(
            new DigestItem(scheme, referralId, reference, "ReferralReceived", "New referral", clock.GetUtcNow().UtcDateTime, reason), $"{referralId}:0:1", CancellationToken.None);

    private static string Minute(DateTime at) => LifecycleHarness.Minute(at).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}

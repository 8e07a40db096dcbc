using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>Storing a referral on Azurite: all of it, or none of the personal details.</summary>
public class IntakeTests
{
    [Fact]
    public async Task A_failure_after_the_people_rows_leaves_no_personal_details_behind()
    {
        await using var h = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        var intake = h.Host.Services.GetRequiredService<ReferralIntake>();
        // The referral row cannot be written: its table is gone.
        await h.Store.Referrals.Table.DeleteAsync();

        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => intake.StoreAsync("rpartial", new ReferralSubmission
        {
            SchemeId = LifecycleHarness.SchemeId,
            Kind = ReferralKind.Professional,
            Consent = true,
            Name = "Alex Example",
            Email = "alex@example.org",
            ReferrerName = "Sam Worker",
            ReferrerEmail = "sam.worker@example.org",
        }, CancellationToken.None));

        Assert.Empty(await h.Store.People.PartitionAsync("rpartial", CancellationToken.None));
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Tests.Email;

namespace PeerFlow.Domain.Tests.Links;

/// <summary>Signed links on Azurite: the key ring in a blob container, used links in a table.</summary>
/// <remarks>
/// Expiry runs on a FakeTimeProvider that starts at the real time: the expiry PeerFlow enforces is the one in the
/// payload, read on the injected clock. Data Protection's own time-limited check reads the real clock and cannot be
/// given a TimeProvider, so PeerFlow sets it on the real clock too, and one test waits a real second or two to see it.
/// </remarks>
public sealed partial class SignedLinksTests : IAsyncLifetime
{
    private readonly string prefix = TestStorage.NewPrefix();
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private readonly List<ServiceProvider> providers = [];
    private readonly HashSet<string> prefixes = [];
    private SignedLinks links = null!;

    public Task InitializeAsync()
    {
        links = NewInstance(prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        foreach (var used in prefixes)
        {
            await TestStorage.DeleteAsync(used);
        }
    }

    [Fact]
    public async Task A_valid_link_gives_its_ids_and_is_url_safe()
    {
        var token = links.Create(LinkAction.AcceptMatch, "referral-1", "mentor-9", TimeSpan.FromDays(5));

        var redemption = await links.PeekAsync(token, LinkAction.AcceptMatch);

        Assert.Matches(UrlSafe(), token);
        Assert.Equal(LinkOutcome.Valid, redemption.Outcome);
        Assert.Equal((LinkAction.AcceptMatch, "referral-1", "mentor-9"), (redemption.Action!.Value, redemption.ReferralId, redemption.SubjectId));
        Assert.Equal(time.GetUtcNow().AddDays(5), redemption.ExpiresAt);
    }

    [Fact]
    public async Task Peeking_does_not_use_a_link_up_and_consuming_does_once()
    {
        var token = links.Create(LinkAction.LogCheckIn, "referral-1", "match-3", TimeSpan.FromDays(14));

        Assert.Equal(LinkOutcome.Valid, (await links.PeekAsync(token, LinkAction.LogCheckIn)).Outcome);
        Assert.Equal(LinkOutcome.Valid, (await links.PeekAsync(token, LinkAction.LogCheckIn)).Outcome);
        Assert.Equal(LinkOutcome.Valid, (await links.ConsumeAsync(token, LinkAction.LogCheckIn)).Outcome);

        Assert.Equal(LinkOutcome.AlreadyUsed, (await links.ConsumeAsync(token, LinkAction.LogCheckIn)).Outcome);
        Assert.Equal(LinkOutcome.AlreadyUsed, (await links.RedeemAsync(token, LinkAction.LogCheckIn)).Outcome);
        Assert.Equal(LinkOutcome.AlreadyUsed, (await links.PeekAsync(token, LinkAction.LogCheckIn)).Outcome);
        Assert.Null((await links.PeekAsync(token, LinkAction.LogCheckIn)).ReferralId);
    }

    [Fact]
    public async Task Racing_posts_consume_a_link_once()
    {
        var token = links.Create(LinkAction.MentorFeedback, "referral-1", "mentor-9", TimeSpan.FromDays(14));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => links.ConsumeAsync(token, LinkAction.MentorFeedback)));

        Assert.Single(outcomes, o => o.IsValid);
        Assert.All(outcomes.Where(o => !o.IsValid), o => Assert.Equal(LinkOutcome.AlreadyUsed, o.Outcome));
    }

    [Fact]
    public async Task A_link_past_its_expiry_on_the_injected_clock_is_expired_and_not_used_up()
    {
        var token = links.Create(LinkAction.AcceptMatch, "referral-1", "mentor-9", TimeSpan.FromDays(5));

        time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(LinkOutcome.Valid, (await links.PeekAsync(token, LinkAction.AcceptMatch)).Outcome);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(LinkOutcome.Expired, (await links.PeekAsync(token, LinkAction.AcceptMatch)).Outcome);
        Assert.Equal(LinkOutcome.Expired, (await links.ConsumeAsync(token, LinkAction.AcceptMatch)).Outcome);
    }

    [Fact]
    public async Task A_link_past_Data_Protections_real_clock_expiry_is_expired_not_invalid()
    {
        var token = links.Create(LinkAction.AcceptMatch, "referral-1", "mentor-9", TimeSpan.FromMilliseconds(10));

        // The payload's own expiry is on the fake clock, which stands still; only the real clock moves.
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        Assert.Equal(LinkOutcome.Expired, (await links.PeekAsync(token, LinkAction.AcceptMatch)).Outcome);
    }

    [Fact]
    public async Task A_link_for_another_action_is_refused_as_such()
    {
        var decline = links.Create(LinkAction.DeclineMatch, "referral-1", "mentor-9", TimeSpan.FromDays(5));

        var redemption = await links.ConsumeAsync(decline, LinkAction.AcceptMatch);

        Assert.Equal(LinkOutcome.WrongAction, redemption.Outcome);
        Assert.Null(redemption.ReferralId);
        Assert.Equal(LinkOutcome.Valid, (await links.ConsumeAsync(decline, LinkAction.DeclineMatch)).Outcome);
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("expiry")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public async Task A_tampered_or_malformed_link_is_invalid(string damage)
    {
        var token = links.Create(LinkAction.MenteeFeedback, "referral-1", "mentee-4", TimeSpan.FromDays(5));
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var damaged = damage switch
        {
            "payload" => token[..(dot + 10)] + (token[dot + 10] == 'A' ? 'B' : 'A') + token[(dot + 11)..],
            "expiry" => (long.Parse(token[..dot], System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture) + token[dot..],
            "truncated" => token[..^4],
            "garbage" => "12345.not-a-token",
            _ => string.Empty,
        };

        Assert.Equal(LinkOutcome.Invalid, (await links.PeekAsync(damaged, LinkAction.MenteeFeedback)).Outcome);
        Assert.Equal(LinkOutcome.Invalid, (await links.ConsumeAsync(damaged, LinkAction.MenteeFeedback)).Outcome);
    }

    [Fact]
    public async Task Every_instance_shares_the_key_ring_in_blob_storage()
    {
        var token = links.Create(LinkAction.AcceptMatch, "referral-1", "mentor-9", TimeSpan.FromDays(5));

        var otherInstance = NewInstance(prefix);
        var otherDeployment = NewInstance(TestStorage.NewPrefix());

        Assert.Equal(LinkOutcome.Valid, (await otherInstance.ConsumeAsync(token, LinkAction.AcceptMatch)).Outcome);
        Assert.Equal(LinkOutcome.AlreadyUsed, (await links.ConsumeAsync(token, LinkAction.AcceptMatch)).Outcome);
        Assert.Equal(LinkOutcome.Invalid, (await otherDeployment.PeekAsync(token, LinkAction.AcceptMatch)).Outcome);

        var container = TestStorage.Blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "-keys");
        var keys = await container.GetBlobsAsync().ToListAsync();
        Assert.Contains(keys, b => b.Name.StartsWith("key-", StringComparison.Ordinal) && b.Name.EndsWith(".xml", StringComparison.Ordinal));
    }

    [Fact]
    public void Creating_a_link_checks_its_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => links.Create((LinkAction)99, "r", "s", TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentException>(() => links.Create(LinkAction.AcceptMatch, string.Empty, "s", TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => links.Create(LinkAction.AcceptMatch, "r", "s", TimeSpan.Zero));
    }

    /// <summary>One app instance: its own service provider and Data Protection, on the shared storage.</summary>
    private SignedLinks NewInstance(string instancePrefix)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time);
        services.AddPeerFlowLinks(TestStorage.Tables, TestStorage.Blobs, instancePrefix, TestStorage.KeyRing);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        prefixes.Add(instancePrefix);

        return provider.GetRequiredService<SignedLinks>();
    }

    [GeneratedRegex("^[0-9]+\\.[A-Za-z0-9_-]+$")]
    private static partial Regex UrlSafe();
}

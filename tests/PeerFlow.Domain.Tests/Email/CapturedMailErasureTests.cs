using Microsoft.Extensions.Time.Testing;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>Erasure removes the local captures of a referral's mail, and nothing else.</summary>
public sealed class CapturedMailErasureTests : IAsyncLifetime
{
    private CaptureServer server = null!;

    public async Task InitializeAsync() => server = await CaptureServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Mail_to_the_referrals_addresses_or_under_its_keys_goes_and_the_rest_stays()
    {
        await server.Sender().SendAsync(Email("Jamie.Fox@example.com"), "r-1:ack:referrer", CancellationToken.None);
        await server.Sender().SendAsync(Email("coordinator@example.org"), "r-1:ack:coordinator", CancellationToken.None);
        await server.Sender().SendAsync(Email("coordinator@example.org"), "r-2:ack:coordinator", CancellationToken.None);
        await server.Sender().SendAsync(Email("someone@example.net"), "r-2:ack:referrer", CancellationToken.None);

        var erased = await server.Store.EraseAsync([" jamie.fox@example.com"], ["r-1:ack:coordinator"], CancellationToken.None);

        Assert.Equal(2, erased);
        Assert.Equal(["r-2:ack:coordinator", "r-2:ack:referrer"], (await server.Store.ListAsync()).Select(m => m.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Where_nothing_was_ever_captured_erasure_finds_nothing_and_makes_no_table()
    {
        var prefix = TestStorage.NewPrefix();
        var store = new CapturedMailStore(TestStorage.Tables, prefix, new FakeTimeProvider());

        Assert.Equal(0, await store.EraseAsync(["jamie.fox@example.com"], [], CancellationToken.None));

        var tables = new List<string>();
        await foreach (var table in TestStorage.Tables.QueryAsync(t => t.Name == prefix + "CapturedMail"))
        {
            tables.Add(table.Name);
        }

        Assert.Empty(tables);
    }

    private static OutgoingEmail Email(string to) =>
        new(to, "Jo", EmailTemplateNames.AssessmentOverdue, SampleModels.All[EmailTemplateNames.AssessmentOverdue]);
}

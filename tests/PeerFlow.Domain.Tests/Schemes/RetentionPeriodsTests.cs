using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Tests.Email;

namespace PeerFlow.Domain.Tests.Schemes;

/// <summary>Each scheme's retention periods: defaults when left out, read from the organisation file, checked at load.</summary>
public sealed class RetentionPeriodsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void ASchemeWithoutRetention_KeepsClosedReferralsTwoYears_AndSafeguardingOnesSix_FromClosure()
    {
        var scheme = JsonSerializer.Deserialize<Scheme>("""
            { "id": "s", "name": "S", "coordinator": { "name": "C", "email": "c@example.org" }, "manager": { "name": "M", "email": "m@example.org" }, "policy": {} }
            """, Json)!;
        var closed = new DateTime(2026, 2, 28, 17, 0, 0, DateTimeKind.Utc);

        Assert.Equal((2, 6), (scheme.Retention.ClosedYears, scheme.Retention.SafeguardingYears));
        Assert.Equal(new DateTime(2028, 2, 28, 17, 0, 0, DateTimeKind.Utc), scheme.Retention.DueAt(closed, safeguarding: false));
        Assert.Equal(new DateTime(2032, 2, 28, 17, 0, 0, DateTimeKind.Utc), scheme.Retention.DueAt(closed, safeguarding: true));
        Assert.Empty(scheme.Retention.Problems());
    }

    [Fact]
    public void TheShippedOrganisation_SaysItsPeriods()
    {
        var organisation = JsonSerializer.Deserialize<Organisation>(File.ReadAllText(Path.Combine(Root(), "web", "PeerFlow.Web", "organisation.json")), Json)!;

        Assert.All(organisation.Schemes, s => Assert.Equal(new RetentionPeriods { ClosedYears = 2, SafeguardingYears = 6 }, s.Retention));
    }

    [Fact]
    public async Task Catalog_RefusesPeriodsThatCannotBeUsed_NamingTheSchemeAndWhy()
    {
        var prefix = TestStorage.NewPrefix();
        var store = new PeerFlowStore(TestStorage.Tables, prefix);
        await store.EnsureCreatedAsync(default);
        var catalog = new SchemeCatalog(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var scheme = new Scheme
        {
            Id = "young-parents", Name = "Young Parents", Coordinator = new StaffContact("C", "c@example.org"), Manager = new StaffContact("M", "m@example.org"),
            Policy = new SchemePolicy(), Retention = new RetentionPeriods { ClosedYears = 7, SafeguardingYears = 6 },
        };

        var shorter = await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.LoadAsync(new Organisation { Name = "T", Schemes = [scheme] }, default));
        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.LoadAsync(new Organisation { Name = "T", Schemes = [scheme with { Retention = new RetentionPeriods { ClosedYears = 0 } }] }, default));

        Assert.Equal("Scheme \"young-parents\" has retention periods that cannot be used: retention.safeguardingYears (6) must not be shorter than retention.closedYears (7).", shorter.Message);
        Assert.Contains("retention.closedYears must be 1 to 100, not 0", none.Message, StringComparison.Ordinal);
        Assert.Empty(await catalog.ListAsync(default));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PeerFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PeerFlow.sln not found above " + AppContext.BaseDirectory);
    }
}

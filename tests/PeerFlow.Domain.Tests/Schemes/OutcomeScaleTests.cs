using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Tests.Email;

namespace PeerFlow.Domain.Tests.Schemes;

/// <summary>A scheme's outcome scale: read from the organisation file, checked at load, absent meaning none is asked.</summary>
public sealed class OutcomeScaleTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void TheShippedOrganisation_GivesEachSchemeFourToSixStatements()
    {
        var path = Path.Combine(Root(), "web", "PeerFlow.Web", "organisation.json");
        var organisation = JsonSerializer.Deserialize<Organisation>(File.ReadAllText(path), Json)!;

        var fostering = Assert.Single(organisation.Schemes, s => s.Id == "foster-mentoring");
        Assert.Equal(["confident", "less-alone", "coping", "know-support", "staying"], fostering.OutcomeStatements.Select(s => s.Id));
        Assert.Equal("I can cope when things get difficult", fostering.OutcomeStatements[2].Text);
        Assert.All(organisation.Schemes, s => OutcomeScale.Validate(s.Id, s.OutcomeScale));
    }

    [Fact]
    public void ASchemeWithoutAScale_AsksNothing()
    {
        var scheme = JsonSerializer.Deserialize<Scheme>("""
            { "id": "s", "name": "S", "coordinator": { "name": "C", "email": "c@example.org" }, "manager": { "name": "M", "email": "m@example.org" }, "policy": {} }
            """, Json)!;

        Assert.Null(scheme.OutcomeScale);
        Assert.Empty(scheme.OutcomeStatements);
    }

    [Fact]
    public async Task Catalog_RefusesAScaleThatCannotBeAsked_NamingTheSchemeAndWhy()
    {
        var store = new PeerFlowStore(TestStorage.Tables, TestStorage.NewPrefix());
        await store.EnsureCreatedAsync(default);
        var catalog = new SchemeCatalog(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        OutcomeStatement[] four = [new("a", "I feel A"), new("b", "I feel B"), new("c", "I feel C"), new("d", "I feel D")];

        async Task<string> RefusedAsync(IReadOnlyList<OutcomeStatement> statements) =>
            (await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.LoadAsync(new Organisation { Name = "T", Schemes = [Scheme(statements)] }, default))).Message;

        Assert.Equal("Scheme \"young-parents\" has an outcome scale of 3 statements; use 4 to 6.", await RefusedAsync(four[..3]));
        Assert.Contains("7 statements", await RefusedAsync([.. four, new("e", "I feel E"), new("f", "I feel F"), new("g", "I feel G")]), StringComparison.Ordinal);
        Assert.Contains("the same id", await RefusedAsync([.. four[..3], four[0]]), StringComparison.Ordinal);
        Assert.Contains("lower-case letters", await RefusedAsync([.. four[..3], new("Bad Id", "I feel")]), StringComparison.Ordinal);
        Assert.Contains("no text", await RefusedAsync([.. four[..3], new("e", " ")]), StringComparison.Ordinal);
        Assert.Empty(await catalog.ListAsync(default));

        await catalog.LoadAsync(new Organisation { Name = "T", Schemes = [Scheme(four)] }, default);
        Assert.Equal(4, (await catalog.GetAsync("young-parents", default))!.OutcomeStatements.Count);
    }

    private static Scheme Scheme(IReadOnlyList<OutcomeStatement> statements) => new()
    {
        Id = "young-parents", Name = "Young Parents", Coordinator = new StaffContact("C", "c@example.org"), Manager = new StaffContact("M", "m@example.org"),
        Policy = new SchemePolicy(), OutcomeScale = new OutcomeScale { Statements = statements },
    };

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

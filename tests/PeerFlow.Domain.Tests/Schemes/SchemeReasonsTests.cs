using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Tests.Email;

namespace PeerFlow.Domain.Tests.Schemes;

/// <summary>Each scheme's own breakdown and closure reasons: configured with the scheme, checked at load, read per scheme.</summary>
public sealed class SchemeReasonsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static Scheme NewScheme(string id, IReadOnlyList<Reason>? breakdown = null, IReadOnlyList<Reason>? closure = null) => new()
    {
        Id = id,
        Name = "Scheme " + id,
        Coordinator = new StaffContact("Coordinator", "coordinator@example.org"),
        Manager = new StaffContact("Manager", "manager@example.org"),
        Policy = new SchemePolicy(),
        BreakdownReasons = breakdown,
        ClosureReasons = closure,
    };

    private static readonly Reason[] HivClosure =
    [
        new("planned-end", "Support came to its planned end"),
        new("transferred-to-clinic-peer-worker", "Handed on to the clinic's peer worker"),
    ];

    [Fact]
    public void SchemeWithoutItsOwnReasons_HasTheDefaultLists()
    {
        var scheme = NewScheme("foster-mentoring");

        Assert.Equal(ReasonCodes.Breakdown, ReasonCodes.BreakdownFor(scheme));
        Assert.Equal(ReasonCodes.Closure, ReasonCodes.ClosureFor(scheme));
        Assert.Equal(ReasonCodes.Closure, ReasonCodes.ClosureFor(null));
        Assert.Equal(["planned-end", "withdrawn", "no-contact", "moved-away", "other"], ReasonCodes.Closure.Select(r => r.Code));
        Assert.Equal(["relationship", "mentor-unavailable", "family-disengaged", "other"], ReasonCodes.Breakdown.Select(r => r.Code));
    }

    [Fact]
    public void SchemeWithItsOwnReasons_HasThoseOnly_WithOtherImpliedLast()
    {
        var scheme = NewScheme("hiv-peer-support", closure: HivClosure);

        var closure = ReasonCodes.ClosureFor(scheme);
        Assert.Equal(["planned-end", "transferred-to-clinic-peer-worker", "other"], closure.Select(r => r.Code));
        Assert.Equal(new Reason(ReasonCodes.Other, "Another reason"), closure[^1]);
        Assert.Equal(ReasonCodes.Breakdown, ReasonCodes.BreakdownFor(scheme)); // not configured: the default
    }

    [Fact]
    public void OtherListedByTheScheme_KeepsItsPlaceAndLabel_AndIsNotAddedTwice()
    {
        var scheme = NewScheme("young-parents", breakdown: [new("other", "Something else"), new("baby-born", "The baby arrived")]);

        Assert.Equal([new("other", "Something else"), new("baby-born", "The baby arrived")], ReasonCodes.BreakdownFor(scheme));
    }

    [Fact]
    public void AReasonIsReadAgainstItsOwnSchemesList_AndIsOtherWithANote_ForASchemeWithoutIt()
    {
        var hiv = NewScheme("hiv-peer-support", closure: HivClosure);
        var fostering = NewScheme("foster-mentoring");

        Assert.Equal(("transferred-to-clinic-peer-worker", null), ReasonCodes.Read("transferred-to-clinic-peer-worker", ReasonCodes.ClosureFor(hiv), "planned-end"));
        Assert.Equal(("transferred-to-clinic-peer-worker", null), ReasonCodes.Read("Handed on to the clinic's peer worker", ReasonCodes.ClosureFor(hiv), "planned-end"));
        Assert.Equal(("other", "transferred-to-clinic-peer-worker"), ReasonCodes.Read("transferred-to-clinic-peer-worker", ReasonCodes.ClosureFor(fostering), "planned-end"));

        // A default reason the HIV scheme does not list is no longer one of its codes.
        Assert.Equal(("other", "moved-away"), ReasonCodes.Read("moved-away", ReasonCodes.ClosureFor(hiv), "planned-end"));
        Assert.Equal(("moved-away", null), ReasonCodes.Read("Moved away", ReasonCodes.ClosureFor(fostering), "planned-end"));
        Assert.Equal(("other", null), ReasonCodes.Read("Other", ReasonCodes.ClosureFor(hiv), "planned-end"));
        Assert.Equal(("planned-end", null), ReasonCodes.Read("  ", ReasonCodes.ClosureFor(hiv), "planned-end"));
    }

    [Fact]
    public void ValidReasons_AndSchemesWithoutAny_PassTheCheck()
    {
        ReasonCodes.Validate(NewScheme("foster-mentoring"));
        ReasonCodes.Validate(NewScheme("hiv-peer-support", breakdown: [new("a1", "A"), new("b-2-c", "B")], closure: HivClosure));
        ReasonCodes.Validate(NewScheme("long", closure: [new(new string('x', ReasonCodes.MaxCodeLength), "Forty characters")]));
    }

    public static TheoryData<string, Reason?[], string> BadReasons => new()
    {
        { "a duplicate code", [new("withdrawn", "The person withdrew"), new("withdrawn", "They left")], "\"withdrawn\" is listed more than once" },
        { "an empty code", [new("", "Nothing")], "closureReasons[0] has no code" },
        { "a blank code", [new("planned-end", "Planned"), new("   ", "Blank")], "closureReasons[1] has no code" },
        { "a missing entry", [null], "closureReasons[0] has no code" },
        { "capitals and spaces", [new("Planned End", "Planned")], "\"Planned End\" is not lowercase words joined by hyphens" },
        { "underscores", [new("planned_end", "Planned")], "\"planned_end\" is not lowercase words joined by hyphens" },
        { "a trailing hyphen", [new("planned-", "Planned")], "\"planned-\" is not lowercase words joined by hyphens" },
        { "doubled hyphens", [new("planned--end", "Planned")], "\"planned--end\" is not lowercase words joined by hyphens" },
        { "a code over 40 characters", [new(new string('x', ReasonCodes.MaxCodeLength + 1), "Long")], "is longer than 40 characters" },
        { "no label", [new("planned-end", " ")], "\"planned-end\" has no label" },
        { "a duplicate label", [new("planned-end", "Ended"), new("finished", "ended")], "label \"ended\" is used more than once" },
        { "an empty list", [], "closureReasons is empty" },
    };

    [Theory]
    [MemberData(nameof(BadReasons))]
    public void BadReasons_FailTheCheck_NamingTheSchemeAndWhatIsWrong(string why, Reason?[] closure, string expected)
    {
        var scheme = NewScheme("hiv-peer-support", closure: closure!);

        var error = Assert.Throws<InvalidOperationException>(() => ReasonCodes.Validate(scheme));

        Assert.StartsWith("Scheme \"hiv-peer-support\"", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {error.Message}");
    }

    [Fact]
    public void BadBreakdownReasons_AreNamedAsSuch()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReasonCodes.Validate(NewScheme("young-parents", breakdown: [new("Relationship", "It did not work")])));

        Assert.Contains("Scheme \"young-parents\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("breakdownReasons: code \"Relationship\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReasonsConfiguredInJson_AreReadWithTheScheme()
    {
        const string json = """
            {
              "name": "Test organisation",
              "schemes": [
                {
                  "id": "hiv-peer-support", "name": "HIV Peer Support",
                  "coordinator": { "name": "C", "email": "c@example.org" }, "manager": { "name": "M", "email": "m@example.org" },
                  "policy": { "calendar": "Scotland" },
                  "closureReasons": [ { "code": "transferred-to-clinic-peer-worker", "label": "Handed on to the clinic's peer worker" } ]
                },
                {
                  "id": "foster-mentoring", "name": "Foster Carer Mentoring",
                  "coordinator": { "name": "C", "email": "c@example.org" }, "manager": { "name": "M", "email": "m@example.org" },
                  "policy": {}
                }
              ]
            }
            """;

        var organisation = JsonSerializer.Deserialize<Organisation>(json, Json)!;

        var hiv = organisation.Schemes.Single(s => s.Id == "hiv-peer-support");
        Assert.Equal(["transferred-to-clinic-peer-worker", "other"], ReasonCodes.ClosureFor(hiv).Select(r => r.Code));
        Assert.Null(organisation.Schemes.Single(s => s.Id == "foster-mentoring").ClosureReasons);
        Assert.Equal(ReasonCodes.Closure, ReasonCodes.ClosureFor(organisation.Schemes.Single(s => s.Id == "foster-mentoring")));
    }

    [Fact]
    public void TheShippedOrganisation_PassesTheCheck_AndOneSchemeHasAReasonOfItsOwn()
    {
        var path = Path.Combine(RepositoryRoot(), "web", "PeerFlow.Web", "organisation.json");
        var organisation = JsonSerializer.Deserialize<Organisation>(File.ReadAllText(path), Json)!;

        foreach (var scheme in organisation.Schemes)
        {
            ReasonCodes.Validate(scheme);
        }

        var peerLink = organisation.Schemes.Single(s => s.Id == "peer-link");
        Assert.Contains(ReasonCodes.ClosureFor(peerLink), r => r.Code == "placement-disrupted");
        Assert.DoesNotContain(ReasonCodes.Closure, r => r.Code == "placement-disrupted");
    }

    [Fact]
    public async Task Catalog_RefusesAnOrganisationWithABadScheme_BeforeStoringAnything_AndKeepsEachSchemesOwnReasons()
    {
        var prefix = TestStorage.NewPrefix();
        var store = new PeerFlowStore(TestStorage.Tables, prefix);
        try
        {
            await store.EnsureCreatedAsync(default);
            var catalog = new SchemeCatalog(store, new FakeTimeProvider(DateTimeOffset.UtcNow));

            var bad = new Organisation
            {
                Name = "Test",
                Schemes = [NewScheme("foster-mentoring"), NewScheme("hiv-peer-support", closure: [new("planned-end", "A"), new("planned-end", "B")])],
            };
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.LoadAsync(bad, default));
            Assert.Contains("\"hiv-peer-support\"", error.Message, StringComparison.Ordinal);
            Assert.Empty(await catalog.ListAsync(default));

            await catalog.LoadAsync(new Organisation { Name = "Test", Schemes = [NewScheme("foster-mentoring"), NewScheme("hiv-peer-support", closure: HivClosure)] }, default);

            var hiv = await catalog.GetAsync("hiv-peer-support", default);
            var fostering = await catalog.GetAsync("foster-mentoring", default);
            Assert.Equal(["planned-end", "transferred-to-clinic-peer-worker", "other"], ReasonCodes.ClosureFor(hiv).Select(r => r.Code));
            Assert.Equal(HivClosure[1], ReasonCodes.ClosureFor(hiv)[1]);
            Assert.Equal(ReasonCodes.Closure, ReasonCodes.ClosureFor(fostering));
            Assert.Equal(ReasonCodes.Breakdown, ReasonCodes.BreakdownFor(hiv));
        }
        finally
        {
            foreach (var table in new[] { "Referrals", "People", "Mentors", "Matches", "CheckIns", "Feedback", "Timeline", "Audit", "Schemes", "Policies", "Concerns", "Counters", "Signals", "Schedule" })
            {
                await TestStorage.Tables.DeleteTableAsync(prefix + table);
            }
        }
    }

    private static string RepositoryRoot()
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

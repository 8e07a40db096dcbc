using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using PeerFlow.Domain.People;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Workflow;

namespace PeerFlow.Bench.Scale;

/// <summary>
/// Writes referrals straight into storage, as the records and read models PeerFlow's own writes leave them (referral,
/// mentee, search index, reference, open work or the closed partition, and the schedule row of an open one), without
/// workflows: the scale benchmark measures reads at size, not the engine. Rows that share a partition (open work, the
/// closed partitions, the index) go in batch transactions of up to 100; the rest in parallel.
/// </summary>
/// <param name="writesAtOnce">Single-row writes in flight at once.</param>
/// <param name="batchesAtOnce">Batch transactions in flight at once.</param>
/// <param name="reportOnly">Only what the monthly report reads (the mentee and the month rows): the report at a size the
/// emulator cannot hold every row of.</param>
internal sealed class ScaleSeeder(
    TableServiceClient tables, string prefix, IReadOnlyList<Domain.Schemes.Scheme> schemes, DateTime now, int writesAtOnce = 64, int batchesAtOnce = 16, bool reportOnly = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] FirstNames = ["Priya", "Tom", "Aisha", "Gareth", "Megan", "Kofi", "Hannah", "Liam", "Zara", "Owen", "Ruth", "Dev", "Carys", "Femi", "Jess", "Nia", "Sam", "Rhys", "Amira", "Callum"];
    private static readonly string[] Surnames = ["Patel", "Hughes", "Khan", "Evans", "Morgan", "Mensah", "Wright", "Byrne", "Ali", "Price", "Lloyd", "Shah", "Jones", "Adeyemi", "Cole", "Okafor", "Reid", "Nowak", "Singh", "Bell"];
    private static readonly string[] Districts = ["EX1", "EX2", "EX4", "PL1", "PL4", "TQ1", "TR1", "BS1", "CF10", "SA1"];

    /// <summary>How many referrals are open (the rest closed): a scheme's open work is a few percent of its history.</summary>
    public const double OpenShare = 0.04;

    /// <summary>The record time open-work copies carry: older than any real write, so a real write replaces them.</summary>
    private static readonly DateTimeOffset Seeded = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<(string Scheme, int Year), int> numbers = [];

    /// <summary>One in this many is open.</summary>
    private static int OpenEvery => (int)Math.Round(1 / OpenShare);

    /// <summary>Referrals <paramref name="from"/> to <paramref name="to"/> (exclusive) of the deterministic set.</summary>
    public async Task SeedAsync(int from, int to, CancellationToken cancellationToken)
    {
        var referrals = new List<(Referral Referral, Person Person)>();
        for (var i = from; i < to; i++)
        {
            referrals.Add(Make(i));
        }

        var referralTable = tables.GetTableClient(prefix + "Referrals");
        var people = tables.GetTableClient(prefix + "People");
        var references = tables.GetTableClient(prefix + "References");
        var reportMonths = tables.GetTableClient(prefix + "ReportMonths");
        await Parallel.ForEachAsync(referrals, new ParallelOptions { MaxDegreeOfParallelism = writesAtOnce, CancellationToken = cancellationToken }, async (r, ct) =>
        {
            await people.UpsertEntityAsync(Entity(r.Referral.Id, nameof(PersonRole.Mentee), r.Person, null), TableUpdateMode.Replace, ct);
            if (!reportOnly)
            {
                await referralTable.UpsertEntityAsync(Entity(r.Referral.Id, "", r.Referral, MatchProposals.ReferralColumns(r.Referral)), TableUpdateMode.Replace, ct);
                await references.UpsertEntityAsync(new TableEntity(r.Referral.Reference, "") { ["ReferralId"] = r.Referral.Id }, TableUpdateMode.Replace, ct);
            }

            var (key, row, figures) = ReportMonths.RowsOf(Figures(r.Referral), 1).First();
            await reportMonths.UpsertEntityAsync(Entity(key, row, figures, null), TableUpdateMode.Replace, ct);
        });

        var grouped = new List<(string Table, TableEntity Row)>();
        foreach (var (referral, person) in referrals)
        {
            grouped.AddRange(ReportMonths.RowsOf(Figures(referral), 1).Skip(1).Select(m => ("ReportMonths", Entity(m.PartitionKey, m.RowKey, m.Value, null))));
            if (reportOnly)
            {
                continue;
            }

            grouped.AddRange(SearchTokens.Of(person).Select(t => ("SearchIndex", Entity(referral.SchemeId + "|" + t.Key, referral.Id, new IndexEntry(referral.Id, referral.SchemeId), null))));
            if (referral.Stage == ReferralStage.Closed)
            {
                var key = PeerFlowStore.NewestFirstKey(referral.ClosedAt!.Value) + "|" + referral.Id;
                grouped.Add(("OpenWork", Entity("closed|" + referral.SchemeId, key, referral, null)));
            }
            else
            {
                grouped.Add(("OpenWork", Entity(referral.SchemeId, referral.Id, referral, new Dictionary<string, object?>
                {
                    ["Stage"] = referral.Stage.ToString(), ["OpenConcerns"] = referral.OpenConcerns, ["RecordAt"] = Seeded,
                })));
                grouped.Add(("Schedule", ScheduleEntity(referral)));
            }
        }

        var batches = grouped.GroupBy(g => (g.Table, g.Row.PartitionKey)).SelectMany(g => g.Chunk(100).Select(c => (g.Key.Table, Rows: c.Select(x => x.Row).ToList())));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = batchesAtOnce, CancellationToken = cancellationToken }, async (batch, ct) =>
            await tables.GetTableClient(prefix + batch.Table).SubmitTransactionAsync(batch.Rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));

        // Intake numbers references on from here: no seeded reference is handed out again.
        var counters = tables.GetTableClient(prefix + "Counters");
        foreach (var ((scheme, year), last) in numbers)
        {
            await counters.UpsertEntityAsync(new TableEntity("ref-" + scheme, year.ToString(CultureInfo.InvariantCulture)) { ["Next"] = last + 1 }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>What the monthly report counts of a seeded referral: no matches, check-ins, feedback or concerns are seeded.</summary>
    private static RetainedReferral Figures(Referral referral) => RetainedReferral.Of(referral, [], [], [], []);

    /// <summary>A name some seeded referral has, for the search figure.</summary>
    public static string NameOf(int i) => FirstNames[i % FirstNames.Length] + " " + Surnames[i / FirstNames.Length % Surnames.Length] + " " + (i % 997).ToString(CultureInfo.InvariantCulture);

    public static string IdOf(int i) => "rscale" + i.ToString("D7", CultureInfo.InvariantCulture);

    public static bool IsOpen(int i) => i % OpenEvery == 0;

    private (Referral, Person) Make(int i)
    {
        var random = new Random(i);
        var scheme = schemes[i % schemes.Count];
        var open = IsOpen(i);
        var received = open ? now.AddDays(-random.Next(1, 120)) : now.AddDays(-random.Next(120, 3 * 365));
        received = received.AddMinutes(random.Next(0, 600));
        var year = received.Year;
        var number = numbers[(scheme.Id, year)] = numbers.GetValueOrDefault((scheme.Id, year)) + 1;
        var stage = open ? (random.Next(3) switch { 0 => ReferralStage.Assessment, 1 => ReferralStage.Matching, _ => ReferralStage.Active }) : ReferralStage.Closed;
        var assessed = stage == ReferralStage.Assessment ? (DateTime?)null : received.AddDays(random.Next(2, 15));
        var matched = stage is ReferralStage.Active or ReferralStage.Closed ? assessed?.AddDays(random.Next(3, 30)) : null;
        var referral = new Referral
        {
            Id = IdOf(i),
            Reference = string.Create(CultureInfo.InvariantCulture, $"{ReferralIntake.ReferencePrefix(scheme)}-{year}-{number:D4}"),
            SchemeId = scheme.Id,
            PolicyVersion = 1,
            Kind = ReferralKind.Self,
            ConsentGiven = true,
            Urgent = random.Next(10) == 0,
            ReceivedAt = received,
            Stage = stage,
            AssessmentDueAt = received.AddDays(10),
            FirstContactAt = received.AddDays(1),
            AssessedAt = assessed,
            Outcome = assessed is null ? null : AssessmentOutcome.Suitable,
            MatchedAt = matched,
            LastCheckInAt = stage == ReferralStage.Active ? now.AddDays(-random.Next(1, 40)) : null,
            ClosedAt = stage == ReferralStage.Closed ? (matched ?? received).AddDays(random.Next(30, 200)) is var c && c < now ? c : now.AddDays(-1) : null,
            ClosureReason = stage == ReferralStage.Closed ? "completed" : null,
        };
        var person = new Person
        {
            ReferralId = referral.Id,
            Role = PersonRole.Mentee,
            Name = NameOf(i),
            Email = $"person{i}@example.org",
            PostcodeDistrict = Districts[random.Next(Districts.Length)],
        };
        return (referral, person);
    }

    private static TableEntity ScheduleEntity(Referral referral)
    {
        var due = referral.Stage == ReferralStage.Assessment ? referral.AssessmentDueAt!.Value : (referral.LastCheckInAt ?? referral.ReceivedAt).AddDays(28);
        var row = new ScheduleRow(referral.Id, referral.SchemeId, referral.Stage.ToString().ToLowerInvariant(), due, [new ScheduleItem("due", due)], referral.ReceivedAt);
        return new TableEntity(row.SchemeId, row.ReferralId)
        {
            ["Stage"] = row.Stage,
            ["Data"] = JsonSerializer.Serialize(row, Json),
            ["UpdatedAt"] = new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)),
            ["DueAt"] = DateTime.SpecifyKind(due, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
    }

    private static TableEntity Entity<T>(string partitionKey, string rowKey, T value, IReadOnlyDictionary<string, object?>? columns)
    {
        var entity = new TableEntity(partitionKey, rowKey) { ["Data"] = JsonSerializer.Serialize(value, Json) };
        foreach (var (name, column) in columns ?? new Dictionary<string, object?>())
        {
            entity[name] = column;
        }

        return entity;
    }
}

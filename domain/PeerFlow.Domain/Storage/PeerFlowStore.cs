using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// PeerFlow's records in Azure Tables. Personal data (<see cref="People"/>, mentors' contact details, check-in notes,
/// feedback) is kept in its own tables, apart from the workflow-facing <see cref="Referrals"/>.
/// </summary>
public sealed class PeerFlowStore
{
    private readonly TableServiceClient tables;
    private readonly string prefix;

    public PeerFlowStore(TableServiceClient tables, string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !prefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(prefix[0]))
        {
            throw new ArgumentException("The table prefix must be letters and digits, starting with a letter.", nameof(prefix));
        }

        this.tables = tables;
        this.prefix = prefix;
        // Each table once: its name, and whether it grows with referrals (a query on it must then name a key; see TableScans).
        OpenWork = new OpenWork(Table<Referral>("OpenWork", grows: true), tables.GetTableClient(prefix + "Referrals"));
        References = new ReferenceIndex(tables.GetTableClient(prefix + "References"));
        Referrals = new RecordTable<Referral>(tables.GetTableClient(prefix + "Referrals"), grows: true, new Projections<Referral>(OpenWork, References, new ReportMonths.Kept<Referral>(() => ReportMonths!, r => r.Id)));
        People = Table<Person>("People", grows: true);
        Mentors = Table<Mentor>("Mentors", grows: false);
        MatchesByMentor = new Subset<Match>(Table<Match>("MentorMatches", grows: true), m => m.MentorId, _ => true, m => m.ReferralId + "|" + m.Id);
        Matches = new RecordTable<Match>(tables.GetTableClient(prefix + "Matches"), grows: true, new Projections<Match>(MatchesByMentor, new ReportMonths.Kept<Match>(() => ReportMonths!, m => m.ReferralId)));
        CheckIns = new RecordTable<CheckIn>(tables.GetTableClient(prefix + "CheckIns"), grows: true, new ReportMonths.Kept<CheckIn>(() => ReportMonths!, c => c.ReferralId));
        Feedback = new RecordTable<Feedback>(tables.GetTableClient(prefix + "Feedback"), grows: true, new ReportMonths.Kept<Feedback>(() => ReportMonths!, f => f.ReferralId));
        OutcomeAnswers = new RecordTable<OutcomeAnswers>(tables.GetTableClient(prefix + "OutcomeAnswers"), grows: true, new ReportMonths.Kept<OutcomeAnswers>(() => ReportMonths!, o => o.ReferralId));
        Timeline = Table<TimelineEntry>("Timeline", grows: true);
        Audit = Table<AuditEntry>("Audit", grows: true);
        Schemes = Table<Scheme>("Schemes", grows: false);
        Policies = Table<VersionedPolicy>("Policies", grows: false);
        Concerns = new RecordTable<SafeguardingConcern>(tables.GetTableClient(prefix + "Concerns"), grows: true, new ReportMonths.Kept<SafeguardingConcern>(() => ReportMonths!, c => c.ReferralId));
        UndeliveredNotices = new Subset<NoticeRecord>(
            Table<NoticeRecord>("UndeliveredNotices", grows: true), UndeliveredPartition, n => n.State == NoticeState.Undelivered, n => n.ReferralId + "|" + n.Key);
        Notices = new RecordTable<NoticeRecord>(tables.GetTableClient(prefix + "Notices"), grows: true, UndeliveredNotices);
        Starts = Table<Workflow.PendingStart>("Starts", grows: true);
        Stopped = Table<Workflow.StoppedWorkflow>("Stopped", grows: true);
        UnreadMenteeMessages = new Subset<CaseNote>(Table<CaseNote>("MenteeMessages", grows: true), UnreadPartition, n => n.Unread, n => n.ReferralId + "|" + n.Id);
        CaseNotes = new RecordTable<CaseNote>(tables.GetTableClient(prefix + "CaseNotes"), grows: true, UnreadMenteeMessages);
        PersonLinks = Table<PersonLink>("PersonLinks", grows: true);
        Closures = Table<ClosedReferral>("Closures", grows: true);
        RetainedFigures = Table<RetainedReferral>("RetainedFigures", grows: true);
        MentorLog = Table<MentorLogEntry>("MentorLog", grows: false);
        StoredReports = Table<StoredReport>("StoredReports", grows: false);
        MentorChanges = Table<MentorChange>("MentorChanges", grows: false);
        ReportMonths = new ReportMonths(Table<ReportFigures>("ReportMonths", grows: true), this);
        Overrides = Table<MatchOverride>("Overrides", grows: true);
        Digest = new CoordinatorDigest(Table<DigestItem>("DigestItems", grows: true), Table<NoticePreference>("NoticePreferences", grows: false));
        PeopleIndex = new People.PeopleIndex(Table<People.IndexEntry>("SearchIndex", grows: true), People);
        Counters = tables.GetTableClient(prefix + "Counters");
        Inbox = new Workflow.SignalInbox(tables.GetTableClient(prefix + "Signals"));
        Schedule = new Workflow.ScheduleBoard(tables.GetTableClient(prefix + "Schedule"));
    }

    /// <summary>Each referral's workflow-facing record, PartitionKey = referral id; every write also keeps <see cref="OpenWork"/>.</summary>
    public RecordTable<Referral> Referrals { get; }

    /// <summary>Open referrals per scheme: what pages list, never a scan of <see cref="Referrals"/>.</summary>
    public OpenWork OpenWork { get; }

    /// <summary>Reference → referral id, read by key.</summary>
    public ReferenceIndex References { get; }

    public RecordTable<Person> People { get; }

    public RecordTable<Mentor> Mentors { get; }

    public RecordTable<Match> Matches { get; }

    /// <summary>Every match again under its mentor (PartitionKey = mentor id): a mentor's page reads one partition.</summary>
    public Subset<Match> MatchesByMentor { get; }

    public RecordTable<CheckIn> CheckIns { get; }

    public RecordTable<Feedback> Feedback { get; }

    /// <summary>Each referral's outcome-scale scores, RowKey = moment ("start", "close").</summary>
    public RecordTable<OutcomeAnswers> OutcomeAnswers { get; }

    public RecordTable<TimelineEntry> Timeline { get; }

    public RecordTable<AuditEntry> Audit { get; }

    public RecordTable<Scheme> Schemes { get; }

    public RecordTable<VersionedPolicy> Policies { get; }

    public RecordTable<SafeguardingConcern> Concerns { get; }

    /// <summary>Each referral's notices on their way, delivered, or not delivered: the outbox deliveries work from.</summary>
    public RecordTable<NoticeRecord> Notices { get; }

    /// <summary>The one partition of <see cref="UndeliveredNotices"/>.</summary>
    public const string UndeliveredPartition = "undelivered";

    /// <summary>Notices not delivered and not yet dealt with, in one partition: what the dashboard lists.</summary>
    public Subset<NoticeRecord> UndeliveredNotices { get; }

    /// <summary>Workflow starts not yet known to have happened: what the sweeper completes.</summary>
    public RecordTable<Workflow.PendingStart> Starts { get; }

    /// <summary>Open referrals whose workflow stopped, until restarted.</summary>
    public RecordTable<Workflow.StoppedWorkflow> Stopped { get; }

    /// <summary>Each referral's contact log and coordinators' notes, newest first.</summary>
    public RecordTable<CaseNote> CaseNotes { get; }

    /// <summary>The one partition of <see cref="UnreadMenteeMessages"/>.</summary>
    public const string UnreadPartition = "unread";

    /// <summary>Mentees' messages (worries, requests for another mentor) no coordinator has marked read: what the dashboard lists.</summary>
    public Subset<CaseNote> UnreadMenteeMessages { get; }

    /// <summary>Each referral's links to other referrals of possibly the same person, keyed by the other's id.</summary>
    public RecordTable<PersonLink> PersonLinks { get; }

    /// <summary>Closed referrals not yet erased by retention, by closure month: see <see cref="ClosureMonths"/>.</summary>
    public RecordTable<ClosedReferral> Closures { get; }

    /// <summary>What the monthly reports still count of referrals retention erased, per scheme: no personal data.</summary>
    public RecordTable<RetainedReferral> RetainedFigures { get; }

    /// <summary>Mentors added and their capacity or activity changed, per scheme, for the report's month-end figures.</summary>
    public RecordTable<MentorChange> MentorChanges { get; }

    /// <summary>Each scheme's report of each month that has ended, as generated (PartitionKey = scheme, RowKey = yyyy-MM).</summary>
    public RecordTable<StoredReport> StoredReports { get; }

    /// <summary>What the monthly report counts of each referral, filed under each month it was alive in.</summary>
    public ReportMonths ReportMonths { get; }

    /// <summary>Each mentor's supervision and training log, newest first.</summary>
    public RecordTable<MentorLogEntry> MentorLog { get; }

    /// <summary>Proposals of mentors the shortlist excluded, by the month they were made, for managers.</summary>
    public RecordTable<MatchOverride> Overrides { get; }

    /// <summary>Coordinators' notices held for the 09:00 digest, per scheme, and each scheme's choice.</summary>
    public CoordinatorDigest Digest { get; }

    /// <summary>Search by name, email, phone or postcode district: tokens → referral ids, per scheme.</summary>
    public People.PeopleIndex PeopleIndex { get; }

    /// <summary>Signals for each referral's workflow, stored before it is told of them.</summary>
    public Workflow.SignalInbox Inbox { get; }

    /// <summary>Each open referral's plan, as its workflow last wrote it.</summary>
    public Workflow.ScheduleBoard Schedule { get; }

    private TableClient Counters { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Referrals", "OpenWork", "References", "People", "Mentors", "Matches", "MentorMatches", "CheckIns", "Feedback", "Timeline", "Audit", "Schemes", "Policies", "Concerns", "Notices", "UndeliveredNotices", "Starts", "Stopped", "Counters", "Signals", "Schedule", "CaseNotes", "MenteeMessages", "PersonLinks", "SearchIndex", "Closures", "RetainedFigures", "MentorLog", "Overrides", "DigestItems", "NoticePreferences", "ReportMonths", "StoredReports", "MentorChanges", "OutcomeAnswers" })
        {
            await tables.GetTableClient(prefix + name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The next number of a named sequence (e.g. a scheme's references for a year), unique under concurrency. Each
    /// number is claimed by inserting its own row, so contenders never read-modify-write one hot row: a taken number
    /// costs one refused insert and the next try starts past every number claimed so far. The sequence's hint row
    /// only says where to start looking; it may lag, never lead.
    /// </summary>
    public async Task<int> NextNumberAsync(string sequence, string period, CancellationToken cancellationToken)
    {
        var claims = sequence + "|" + period;
        var hint = await Counters.GetEntityIfExistsAsync<TableEntity>(sequence, period, cancellationToken: cancellationToken);
        var number = hint.HasValue ? hint.Value!.GetInt32("Next") ?? 1 : 1;
        while (true)
        {
            try
            {
                await Counters.AddEntityAsync(new TableEntity(claims, NumberKey(number)), cancellationToken);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                number = await FirstUnclaimedAsync(claims, number, cancellationToken);
            }
        }

        await RaiseHintAsync(sequence, period, number + 1, hint.HasValue ? hint.Value : null, cancellationToken);
        return number;
    }

    /// <summary>One past the highest number claimed at or above <paramref name="taken"/>.</summary>
    private async Task<int> FirstUnclaimedAsync(string claims, int taken, CancellationToken cancellationToken)
    {
        var highest = taken;
        await foreach (var row in Counters.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {claims} and RowKey ge {NumberKey(taken)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            highest = Math.Max(highest, int.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return highest + 1;
    }

    /// <summary>Moves the hint up; a conflict means someone else moved it, and a lagging hint only costs a query.</summary>
    private async Task RaiseHintAsync(string sequence, string period, int next, TableEntity? read, CancellationToken cancellationToken)
    {
        try
        {
            if (read is null)
            {
                await Counters.AddEntityAsync(new TableEntity(sequence, period) { ["Next"] = next }, cancellationToken);
            }
            else if ((read.GetInt32("Next") ?? 1) < next)
            {
                read["Next"] = next;
                await Counters.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
        }
    }

    private static string NumberKey(int number) => number.ToString("D10", CultureInfo.InvariantCulture);

    public static string Key(DateTime at) => at.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Sorts newest first in a partition.</summary>
    public static string NewestFirstKey(DateTime at) => (DateTime.MaxValue.Ticks - at.Ticks).ToString("D19", CultureInfo.InvariantCulture);

    private RecordTable<T> Table<T>(string name, bool grows) where T : class => new(tables.GetTableClient(prefix + name), grows);
}

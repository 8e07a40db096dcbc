using Azure.Data.Tables;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.People;
using PeerFlow.Domain.Records;
using PeerFlow.Orchestrations.Delivery;
using PeerFlow.Orchestrations.Starts;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// Every kind of record PeerFlow keeps about a referral and its people, each with how to read it and how to erase it:
/// the one list that erasure (on request or by retention) removes and the subject-access export shows. A new kind of
/// personal record is added here, and so cannot be erased without being exported or exported without being erased.
/// </summary>
/// <remarks>
/// In the order erasure removes them: mail first, while the people's addresses and the emails' keys can still be
/// read; search-index rows and links to other referrals before the people and links they are found from; the
/// referral itself next to last, so that until everything else has gone an interrupted erasure can be found and
/// repeated; and last its row in the retention schedule, which the retention run finds it by.
/// </remarks>
public sealed class ReferralRecords(
    ApiServices services, NoticeOutbox outbox, EmailSendLog emails, AcknowledgementWindow acknowledgements, SignedLinks links, CapturedMailStore capturedMail,
    Domain.Sms.TextSendLog texts, Domain.Sms.CapturedTextStore capturedTexts)
{
    public IReadOnlyList<RecordKind> Kinds =>
    [
        new("notices", "Notices (emails decided on, and whether they were delivered)",
            async (r, ct) => [.. await outbox.ForReferralAsync(r.Id, ct)],
            (r, ct) => outbox.EraseAsync(r.Id, services.Workflows, ct)),
        new("capturedMail", "Captured emails (development mail capture only)",
            async (r, ct) => [.. await capturedMail.FindAsync(r.Addresses, r.EmailKeys, ct)],
            (r, ct) => capturedMail.EraseAsync(r.Addresses, r.EmailKeys, ct)),
        new("emailSends", "Emails sent about the referral (template and times; never content or address)",
            async (r, ct) => [.. await emails.ListReferralAsync(r.Id, ct)],
            (r, ct) => emails.EraseReferralAsync(r.Id, ct)),
        new("capturedTexts", "Captured texts (development text capture only)",
            async (r, ct) => [.. await capturedTexts.FindAsync(r.Mobiles, r.TextKeys, ct)],
            (r, ct) => capturedTexts.EraseAsync(r.Mobiles, r.TextKeys, ct)),
        new("textSends", "Texts sent about the referral (template and times; never content or number)",
            async (r, ct) => [.. await texts.ListReferralAsync(r.Id, ct)],
            (r, ct) => texts.EraseReferralAsync(r.Id, ct)),
        new("acknowledgements", "Acknowledgement emails sent (the address is kept only as a keyed hash)",
            async (r, ct) => [.. (await acknowledgements.ListReferralAsync(r.Id, ct)).Select(at => new { SentAt = at })],
            (r, ct) => acknowledgements.EraseReferralAsync(r.Id, ct)),
        new("usedLinks", "One-action links from emails that were used",
            async (r, ct) => [.. (await links.UsedByReferralAsync(r.Id, ct)).Select(at => new { UsedAt = at })],
            (r, ct) => links.EraseReferralAsync(r.Id, ct)),
        new("searchIndex", "Search words the referral can be found by (from the mentee's name, email, phone and postcode district)",
            async (r, ct) => r.Mentee is { } mentee ? [.. (await services.Store.PeopleIndex.StoredTokensAsync(r.Referral.SchemeId, mentee, ct)).Select(t => new { Word = t.Value, t.Kind })] : [],
            (r, ct) => r.Mentee is { } mentee ? services.Store.PeopleIndex.RemoveAsync(r.Referral.SchemeId, mentee, ct) : Task.CompletedTask),
        new("personLinks", "Other referrals possibly of the same person (export each separately)",
            (r, ct) => Rows(services.Store.PersonLinks, r.Id, ct),
            async (r, ct) =>
            {
                foreach (var link in await services.Store.PersonLinks.QueryAsync($"PartitionKey eq {r.Id}", ct))
                {
                    await services.Store.PersonLinks.DeleteAsync(link.Value.OtherReferralId, r.Id, ct);
                }

                await services.Store.PersonLinks.DeletePartitionAsync(r.Id, ct);
            }),
        new("digest", "Coordinator notices waiting for the daily digest (reference and what fell due)",
            async (r, ct) => [.. await services.Store.Digest.ForReferralAsync(r.Referral.SchemeId, r.Id, ct)],
            (r, ct) => services.Store.Digest.EraseReferralAsync(r.Referral.SchemeId, r.Id, ct)),
        Partition("caseNotes", "Contact log and notes", services.Store.CaseNotes),
        Partition("people", "People (the mentee and the referrer)", services.Store.People),
        Partition("concerns", "Safeguarding concerns", services.Store.Concerns),
        Partition("checkIns", "Check-ins", services.Store.CheckIns),
        Partition("feedback", "Closure feedback", services.Store.Feedback),
        Partition("outcomeAnswers", "Answers to the scheme's outcome questions (scores at the start of the match and at closure)", services.Store.OutcomeAnswers),
        Partition("timeline", "Timeline", services.Store.Timeline),
        // Before the matches: their rows are found from the matches that set the shortlist aside.
        new("matchOverrides", "Proposals made despite the shortlist (what was set aside, and why)",
            async (r, ct) => [.. (await OverridesAsync(r.Id, ct)).Select(o => (object)o)],
            async (r, ct) =>
            {
                foreach (var o in await OverridesAsync(r.Id, ct))
                {
                    await services.Store.Overrides.DeleteAsync(MatchOverride.Partition(o.At), MatchOverride.Row(r.Id, o.MatchId), ct);
                }
            }),
        Partition("matches", "Matches with mentors", services.Store.Matches),
        new("signals", "Steps recorded for the referral's workflow",
            async (r, ct) => [.. await services.Store.Inbox.ListAsync(r.Id, ct)],
            (r, ct) => services.Store.Inbox.DeleteAllAsync(r.Id, ct)),
        new("schedule", "What is scheduled next",
            async (r, ct) => await services.Store.Schedule.GetAsync(r.Referral.SchemeId, r.Id, ct) is { } row ? [row] : [],
            (r, ct) => services.Store.Schedule.DeleteAsync(r.Referral.SchemeId, r.Id, ct)),
        new("workflow", "The referral's workflow (its state; its history holds ids and codes only)",
            async (r, ct) => await services.Workflows.GetWorkflowAsync(r.Id, ct) is { } w
                ? [new { Status = w.RuntimeStatus.ToString(), w.CreatedAt, w.LastUpdatedAt }]
                : [],
            (r, ct) => services.Workflows.PurgeInstanceAsync(r.Id, cancellation: ct)),
        new("pendingStart", "A workflow start not yet known to have happened",
            async (r, ct) => await services.Store.Starts.GetAsync(Domain.Workflow.PendingStart.Partition, r.Id, ct) is { } s ? [s.Value] : [],
            (r, ct) => services.Store.Starts.DeleteAsync(Domain.Workflow.PendingStart.Partition, r.Id, ct)),
        new("stoppedWorkflow", "A stopped workflow waiting for a restart",
            async (r, ct) => await services.Store.Stopped.GetAsync(Domain.Workflow.StoppedWorkflow.Partition, r.Id, ct) is { } s ? [s.Value] : [],
            (r, ct) => services.Store.Stopped.DeleteAsync(Domain.Workflow.StoppedWorkflow.Partition, r.Id, ct)),
        new("referral", "The referral",
            async (r, ct) => await services.Store.Referrals.GetAsync(r.Id, "", ct) is { } row ? [row.Value] : [],
            (r, ct) => services.Store.Referrals.DeleteAsync(r.Id, "", ct)),
        // Kept by the writes above, so gone with the referral; erased here too in case a write was cut short.
        new("reportFigures", "What the monthly report counts of the referral (dates, stages and codes; no notes or comments)",
            async (r, ct) => await services.Store.ReportMonths.Table.GetAsync(r.Id, "", ct) is { } row ? [row.Value.Figures] : [],
            (r, ct) => services.Store.ReportMonths.EraseAsync(r.Id, ct)),

        // After the referral: the retention run reads this row to find the referral, so one cut short after the
        // referral went still finds the row and finishes. Found by id across months (a scan of a table that holds
        // only closed referrals not yet erased), so a referral whose closure time is unreadable still loses it.
        new("retentionIndex", "The referral's place in the retention schedule (its closure month)",
            async (r, ct) => [.. (await services.Store.Closures.QueryAsync($"RowKey eq {r.Id}", ct)).Select(c => (object)c.Value)],
            async (r, ct) =>
            {
                foreach (var row in await services.Store.Closures.QueryAsync($"RowKey eq {r.Id}", ct))
                {
                    await services.Store.Closures.DeleteAsync(row.PartitionKey, row.RowKey, ct);
                }
            }),
    ];

    /// <summary>What the kinds need that erasure removes on the way: the people (for addresses and search words) and the emails' keys.</summary>
    public async Task<ReferralScope> ScopeAsync(Referral referral, CancellationToken cancellationToken)
    {
        var people = (await services.Store.People.QueryAsync($"PartitionKey eq {referral.Id}", cancellationToken)).Select(p => p.Value).ToList();
        return new ReferralScope(referral, people, await emails.KeysForReferralAsync(referral.Id, cancellationToken))
        {
            TextKeys = await texts.KeysForReferralAsync(referral.Id, cancellationToken),
        };
    }

    /// <summary>The referral's rows in the managers' list of overrides, found by the matches' months.</summary>
    private async Task<IReadOnlyList<MatchOverride>> OverridesAsync(string referralId, CancellationToken cancellationToken)
    {
        var found = new List<MatchOverride>();
        foreach (var match in (await services.Store.Matches.QueryAsync($"PartitionKey eq {referralId}", cancellationToken)).Select(m => m.Value))
        {
            if (match.Overridden.Count > 0
                && await services.Store.Overrides.GetAsync(MatchOverride.Partition(match.ProposedAt), MatchOverride.Row(referralId, match.Id), cancellationToken) is { } row)
            {
                found.Add(row.Value);
            }
        }

        return found;
    }

    private static RecordKind Partition<T>(string name, string label, Domain.Storage.RecordTable<T> table) where T : class =>
        new(name, label, (r, ct) => Rows(table, r.Id, ct), async (r, ct) => await table.DeletePartitionAsync(r.Id, ct));

    /// <summary>A referral's partition of a record table, as the export's rows.</summary>
    private static async Task<IReadOnlyList<object>> Rows<T>(Domain.Storage.RecordTable<T> table, string referralId, CancellationToken cancellationToken) where T : class =>
        [.. (await table.QueryAsync($"PartitionKey eq {referralId}", cancellationToken)).Select(r => (object)r.Value)];
}

/// <summary>One kind of record about a referral: its name in the export, a heading for people, how to read and erase it.</summary>
public sealed record RecordKind(
    string Name,
    string Label,
    Func<ReferralScope, CancellationToken, Task<IReadOnlyList<object>>> ReadAsync,
    Func<ReferralScope, CancellationToken, Task> EraseAsync);

/// <summary>A referral with what its kinds of record are found from.</summary>
public sealed record ReferralScope(Referral Referral, IReadOnlyList<Person> People, IReadOnlyList<string> EmailKeys)
{
    public string Id => Referral.Id;

    public Person? Mentee => People.FirstOrDefault(p => p.Role == PersonRole.Mentee);

    public IReadOnlyList<string> Addresses => [.. People.Select(p => p.Email).OfType<string>().Where(e => e.Length > 0)];

    public IReadOnlyList<string> Mobiles => [.. People.Select(p => p.Mobile).OfType<string>().Where(m => m.Length > 0)];

    /// <summary>The idempotency keys of the texts about the referral.</summary>
    public IReadOnlyList<string> TextKeys { get; init; } = [];
}

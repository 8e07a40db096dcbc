using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Bench.Reliability;

/// <summary>
/// What the reliability runs hold PeerFlow to, read from storage (and each referral's view, which is what staff see)
/// once the run has settled: every accepted referral stored with a live workflow that has nothing overdue to do;
/// every notice delivered once or shown as not delivered; every email key captured once; every accepted check-in,
/// assessment and acceptance handled once; no timeline line twice. Whole-table reads are fine here: this is a checker,
/// not a page.
/// </summary>
internal static class Checks
{
    /// <param name="lateAfter">How long past its time something due may still be on its way (<see cref="RunClock.LateAfter"/>).</param>
    public static async Task<Dictionary<string, object>> RunAsync(HostPool hosts, TableServiceClient tables, string hub, Workload workload, TimeSpan lateAfter, CancellationToken cancellationToken)
    {
        var store = new PeerFlowStore(tables, hub);
        var figures = new Dictionary<string, object>();
        var problems = new List<string>();

        var referrals = (await store.Referrals.ScanAsync(null, cancellationToken)).ToDictionary(r => r.PartitionKey, r => r.Value);
        var cases = workload.Cases.ToList();
        figures["referrals_accepted"] = cases.Count;
        figures["referrals_stored"] = referrals.Count;
        var lost = cases.Where(c => !referrals.ContainsKey(c.Id)).ToList();
        figures["accepted_but_lost"] = lost.Count;
        problems.AddRange(lost.Take(5).Select(c => $"referral {c.Id} was accepted and is not stored"));

        // Each referral as staff see it: its workflow, and anything due by now that it has not done.
        var now = await ClockAsync(hosts, cancellationToken);
        var statuses = new Dictionary<string, int>();
        var overdueWork = 0;
        await Parallel.ForEachAsync(referrals.Keys, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var view = await ViewAsync(hosts, id, ct);
            var status = view.GetProperty("workflowStatus").GetString() ?? "none";
            var late = view.GetProperty("scheduled").EnumerateArray().Where(s => s.GetProperty("dueAt").GetDateTime() < now - lateAfter).ToList();
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is not ("Running" or "Completed"))
                {
                    problems.Add($"referral {id}: workflow {status}");
                }

                if (late.Count > 0)
                {
                    overdueWork++;
                    problems.Add($"referral {id}: {late[0].GetProperty("kind").GetString()} was due at {late[0].GetProperty("dueAt").GetString()} and has not happened (now {now:O})");
                }
            }
        });
        figures["workflows"] = statuses;
        figures["stuck"] = overdueWork;
        var pendingStarts = (await store.Starts.ScanAsync(null, cancellationToken)).Count;
        figures["starts_pending"] = pendingStarts;

        // The outbox: every notice delivered or shown as not delivered, and its emails captured once per key.
        var notices = (await store.Notices.ScanAsync(null, cancellationToken)).Select(n => n.Value).ToList();
        figures["notices"] = notices.GroupBy(n => n.State.ToString()).ToDictionary(g => g.Key, g => (object)g.Count());
        figures["notices_by_code"] = notices.GroupBy(n => n.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object)g.Count());
        var mail = await new CapturedMailStore(tables, hub, TimeProvider.System).ListAsync(int.MaxValue, cancellationToken);
        var byKey = mail.Where(m => m.IdempotencyKey is not null).GroupBy(m => m.IdempotencyKey!).ToDictionary(g => g.Key, g => g.Count());
        figures["emails_captured"] = mail.Count;
        var twice = byKey.Where(k => k.Value > 1).ToList();
        figures["emails_sent_twice"] = twice.Count;
        problems.AddRange(twice.Take(5).Select(k => $"email {k.Key} captured {k.Value} times"));
        var deliveredWithoutMail = notices.Where(n => n.State == NoticeState.Delivered && !MaySendNothing(n.Code) && !byKey.Keys.Any(k => k.StartsWith(n.Key + ":", StringComparison.Ordinal))).ToList();
        figures["notices_delivered_without_email"] = deliveredWithoutMail.Count;
        problems.AddRange(deliveredWithoutMail.Take(5).Select(n => $"notice {n.Key} ({n.Code}) is marked delivered and no email with its key was captured"));
        // Under a fast clock notices keep falling due while the checks read: only one queued too long ago is held up.
        var pending = notices.Where(n => n.State == NoticeState.Pending && n.QueuedAt < now - lateAfter).ToList();
        figures["notices_pending_too_long"] = pending.Count;
        problems.AddRange(pending.Take(5).Select(n => $"notice {n.Key} ({n.Code}) still pending after {n.Attempts} attempts: {n.LastError}"));
        var sends = new List<TableEntity>();
        await foreach (var e in tables.GetTableClient(hub + "EmailSends").QueryAsync<TableEntity>("PartitionKey ne '~unknown'", select: ["Status", "Key"], cancellationToken: cancellationToken))
        {
            sends.Add(e);
        }

        figures["email_sends"] = sends.GroupBy(e => e.GetString("Status") ?? "").ToDictionary(g => g.Key, g => (object)g.Count());
        // A send cut off by a kill is Unknown and never sent again (SendGrid has no idempotency key); the dashboard lists
        // them for staff. Whether the stand-in had received it says which way each went.
        var unknown = sends.Where(e => e.GetString("Status") == nameof(EmailSendState.Unknown)).Select(e => e.GetString("Key") ?? "").ToList();
        figures["email_sends_unknown_received"] = unknown.Count(byKey.ContainsKey);
        figures["email_sends_unknown_never_received"] = unknown.Count(k => !byKey.ContainsKey(k));

        // Signals: every one stored taken by a workflow step (or set aside as not expected), none left waiting.
        var signals = new List<TableEntity>();
        await foreach (var e in store.Inbox.Table.QueryAsync<TableEntity>(select: ["Name", "Outcome"], cancellationToken: cancellationToken))
        {
            signals.Add(e);
        }

        figures["signals"] = signals.GroupBy(e => $"{e.GetString("Name")}:{(e.GetString("Outcome") is { Length: > 0 } o ? o : "waiting")}").ToDictionary(g => g.Key, g => (object)g.Count());
        var waitingSignals = signals.Count(e => e.GetString("Outcome") is null or "");
        figures["signals_waiting"] = waitingSignals;
        if (waitingSignals > 0)
        {
            problems.Add($"{waitingSignals} signals stored and not taken by their workflow");
        }

        // Signals as people see them: each accepted one handled once.
        var timeline = (await store.Timeline.ScanAsync(null, cancellationToken)).Select(t => t.Value).GroupBy(t => t.ReferralId).ToDictionary(g => g.Key, g => g.ToList());
        var checkIns = (await store.CheckIns.ScanAsync(null, cancellationToken)).Select(c => c.Value).ToList();
        var markers = checkIns.GroupBy(c => c.Notes ?? "").ToDictionary(g => g.Key, g => g.Count());
        var checkInsWrong = 0;
        foreach (var c in cases)
        {
            foreach (var marker in c.AcceptedMarkers.Where(m => markers.GetValueOrDefault(m) != 1))
            {
                checkInsWrong++;
                problems.Add($"referral {c.Id}: accepted check-in {marker} stored {markers.GetValueOrDefault(marker)} times");
            }
        }

        figures["checkins_accepted"] = cases.Sum(c => c.CheckInsAccepted);
        figures["checkins_unanswered"] = cases.Sum(c => c.CheckInsUnknown);
        figures["checkins_not_stored_once"] = checkInsWrong;

        // Timeline: a notice's line once per delivery; every other line (bar those a person may repeat) once.
        var delivered = notices.Where(n => n.State == NoticeState.Delivered).GroupBy(n => (n.ReferralId, n.Code)).ToDictionary(g => g.Key, g => g.Count());
        var codes = notices.Select(n => n.Code).ToHashSet();
        var duplicates = 0;
        foreach (var (id, lines) in timeline)
        {
            foreach (var group in lines.GroupBy(l => (l.Kind, l.Text)))
            {
                var expected = codes.Contains(group.Key.Kind) ? delivered.GetValueOrDefault((id, group.Key.Kind)) : 1;
                if (group.Count() > expected && !Repeatable(group.Key.Kind))
                {
                    duplicates++;
                    problems.Add($"referral {id}: timeline line '{group.Key.Text}' ({group.Key.Kind}) {group.Count()} times, expected {expected}");
                }
            }
        }

        figures["timeline_lines"] = timeline.Values.Sum(l => l.Count);
        figures["timeline_duplicates"] = duplicates;
        figures["problems"] = problems.Take(20).ToList();
        figures["ok"] = problems.Count == 0 && pendingStarts == 0;
        return figures;
    }

    /// <summary>
    /// Notices that go to nobody (docs/notices.md: the match review and closure are timeline lines), or to nobody left to
    /// ask (feedback from people who have given it).
    /// </summary>
    /// <remarks>
    /// Also "no mentor free" where the scheme does not re-propose by itself (the decline's email already gave the
    /// referral back), and a proposal's reminder delivered after the proposal was answered or lapsed.
    /// </remarks>
    private static bool MaySendNothing(string code) => code is "MatchReview" or "Closed" or "FeedbackRequest" or "FeedbackReminder" or "NoCandidates" or "MatchReminder";

    /// <summary>Lines a person's own repeated action writes again: each check-in logged is a line of its own.</summary>
    private static bool Repeatable(string kind) => kind.Contains("checkin", StringComparison.OrdinalIgnoreCase) || kind.Contains("check-in", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many of these referrals are not settled: a workflow not yet started, or something in the plan due longer ago than <paramref name="lateAfter"/>.</summary>
    public static async Task<int> LateAsync(HostPool hosts, IEnumerable<string> ids, TimeSpan lateAfter, CancellationToken cancellationToken)
    {
        var now = await ClockAsync(hosts, cancellationToken);
        var late = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var view = await ViewAsync(hosts, id, ct);
            // A workflow created just before a kill stays Pending until its start message is seen again (the queue's
            // visibility timeout): on its way, not stuck, as a due timer still being handled is.
            if (view.GetProperty("workflowStatus").GetString() == "Pending"
                || view.GetProperty("scheduled").EnumerateArray().Any(s => s.GetProperty("dueAt").GetDateTime() < now - lateAfter))
            {
                Interlocked.Increment(ref late);
            }
        });
        return late;
    }

    public static async Task<DateTime> ClockAsync(HostPool hosts, CancellationToken cancellationToken)
    {
        var answer = await hosts.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/dev/clock"), cancellationToken);
        return answer.Status == HttpStatusCode.OK
            ? JsonDocument.Parse(answer.Body).RootElement.GetProperty("now").GetDateTimeOffset().UtcDateTime
            : throw new BenchFailedException($"/dev/clock answered {(int?)answer.Status}");
    }

    private static async Task<JsonElement> ViewAsync(HostPool hosts, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await hosts.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{id}"), cancellationToken);
            if (answer.Status == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(answer.Body).RootElement;
            }

            if (!answer.Unavailable)
            {
                throw new BenchFailedException($"GET /api/referrals/{id} answered {(int?)answer.Status}: {answer.Body}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}

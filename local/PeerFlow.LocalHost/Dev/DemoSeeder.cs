using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Web.Actions;
using PeerFlow.Orchestrations;

namespace PeerFlow.LocalHost.Dev;

/// <summary>
/// Seeds the demo organisation's two schemes with about ten mentors, a past year of closed referrals
/// (<see cref="DemoHistory"/>, written straight to the records) and thirty open referrals spread across every stage,
/// some of them overdue, so a newcomer sees a living scheme at once and a believable monthly report. Referrals are moved on exactly as the API would:
/// records first, then the workflow's event. Scoped, like the endpoints' services it uses: <see cref="DemoData"/> runs
/// it in a scope of its own.
/// </summary>
public sealed partial class DemoSeeder(
    PeerFlowStore store, SchemeCatalog schemes, ReferralIntake intake, MatchProposals proposals, DurableTaskClient workflows, WorkflowSignals signals, TimeProvider time, ILogger<DemoSeeder> logger)
{
    private static readonly string[] FirstNames = ["Priya", "Tom", "Aisha", "Gareth", "Megan", "Kofi", "Hannah", "Liam", "Zara", "Owen", "Ruth", "Dev", "Carys", "Femi", "Jess"];
    private static readonly string[] Surnames = ["Patel", "Hughes", "Khan", "Evans", "Morgan", "Mensah", "Wright", "Byrne", "Ali", "Price", "Lloyd", "Shah", "Jones", "Adeyemi", "Cole"];

    /// <summary>Seeds when the store has no referral yet; the organisation's tables and schemes are loaded before any hosted service of the app runs.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken stoppingToken)
    {
        if ((await store.Referrals.PageAsync($"PartitionKey ge {""}", 1, null, stoppingToken)).Rows.Count > 0)
        {
            return;
        }

        var mentors = await SeedMentorsAsync(stoppingToken);

        // The past year first, closed and written straight to the records, so its references come before today's.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var schemeList = await schemes.ListAsync(stoppingToken);
        var history = DemoHistory.Generate(time.GetUtcNow().UtcDateTime, schemeList, mentors);
        await new DemoHistoryWriter(store).WriteAsync(history, schemeList, stoppingToken);
        LogHistory(history.Count, clock.ElapsedMilliseconds);
        var plan = new (string Scheme, int DaysAgo, string Target)[]
        {
            ("foster-mentoring", 1, "assessment"), ("foster-mentoring", 3, "assessment"), ("foster-mentoring", 9, "assessment"),
            ("foster-mentoring", 16, "assessment"), ("foster-mentoring", 22, "assessment"), ("peer-link", 2, "assessment"),
            ("peer-link", 8, "assessment"), ("peer-link", 12, "assessment"), ("foster-mentoring", 5, "urgent"),
            ("peer-link", 20, "deferred"), ("foster-mentoring", 30, "deferred"),
            ("foster-mentoring", 12, "matching"), ("foster-mentoring", 35, "matching"), ("peer-link", 10, "matching"), ("peer-link", 40, "matching"),
            ("foster-mentoring", 14, "proposed"), ("peer-link", 9, "proposed"),
            ("foster-mentoring", 60, "active"), ("foster-mentoring", 45, "active"), ("foster-mentoring", 90, "active"), ("foster-mentoring", 28, "active"),
            ("peer-link", 70, "active"), ("peer-link", 50, "active"), ("peer-link", 33, "active"),
            ("foster-mentoring", 25, "not-suitable"), ("peer-link", 18, "withdrawn"),
            ("foster-mentoring", 100, "closing"), ("peer-link", 80, "closing"),
            ("foster-mentoring", 4, "assessment"), ("peer-link", 6, "assessment"),
        };
        for (var i = 0; i < plan.Length; i++)
        {
            await SeedReferralAsync(i, plan[i].Scheme, plan[i].DaysAgo, plan[i].Target, stoppingToken);
        }

        LogSeeded(plan.Length);
    }

    private async Task<IReadOnlyList<Mentor>> SeedMentorsAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mentors = new[]
        {
            Mentor("mt-foster-1", "foster-mentoring", "Sue Ellis", "EX1", ["early-placement", "sibling-group"], ["gardening", "walking"], "female", today.AddYears(2)),
            // A mentor who prefers texts, so that the demo shows the lifecycle by text at /dev/sms.
            Mentor("mt-foster-2", "foster-mentoring", "Rob Tanner", "EX4", ["teenagers"], ["football", "cooking"], "male", today.AddYears(1))
                with { Mobile = "+447700900402", TextConsent = true, PreferredChannel = PeerFlow.Domain.Sms.ContactChannel.Sms },
            Mentor("mt-foster-3", "foster-mentoring", "Ann Jacobs", "TQ1", ["early-placement", "parent-and-child"], ["art", "reading"], "female", today.AddDays(20)),
            Mentor("mt-foster-4", "foster-mentoring", "Mo Rahman", "EX2", ["sibling-group", "disability"], ["music"], "male", today.AddYears(2), languages: ["English", "Bengali"]),
            Mentor("mt-foster-5", "foster-mentoring", "Jo Fletcher", "PL4", ["teenagers", "respite"], ["walking", "art"], "female", today.AddMonths(8)),
            Mentor("mt-foster-6", "foster-mentoring", "Kath Reid", "EX2", ["early-placement"], ["crafts"], "female", today.AddYears(2), capacity: 1),
            Mentor("mt-link-1", "peer-link", "Helen Barker", "EX1", ["early-placement", "pre-placement"], ["art", "walking"], "female", today.AddYears(2)),
            Mentor("mt-link-2", "peer-link", "Dan Cooper", "TR1", ["sibling-group", "early-placement"], ["cycling"], "male", today.AddYears(1)),
            Mentor("mt-link-3", "peer-link", "Nia Williams", "TA1", ["pre-placement", "older-children"], ["reading", "music"], "female", today.AddMonths(14), languages: ["English", "Welsh"]),
            Mentor("mt-link-4", "peer-link", "Chris Lee", "DT1", ["older-children"], ["football"], "male", today.AddDays(-3)),
        };
        // Supervision every few weeks, later for some: a dashboard with one or two overdue, as a real scheme has.
        mentors = [.. mentors.Select((m, i) => m with { LastSupervisionOn = today.AddDays(-(6 + (i * 9 % 50))) })];
        foreach (var mentor in mentors)
        {
            await store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), cancellationToken);
            var on = mentor.LastSupervisionOn!.Value;
            var entry = new MentorLogEntry
            {
                Id = "l-demo-" + mentor.Id,
                MentorId = mentor.Id,
                On = on,
                Kind = MentorLogKind.Supervision,
                Who = "Priya Shah",
                Note = "Group supervision.",
                RecordedBy = "Priya Shah",
                RecordedAt = on.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc),
            };
            await store.MentorLog.TryInsertAsync(mentor.Id, PeerFlowStore.NewestFirstKey(on.ToDateTime(TimeOnly.MinValue)) + "-" + entry.Id, entry, null, cancellationToken);
        }

        return mentors;
    }

    private async Task SeedReferralAsync(int index, string scheme, int daysAgo, string target, CancellationToken cancellationToken)
    {
        var id = $"demo-{index + 1:D2}";
        var name = $"{FirstNames[index % FirstNames.Length]} {Surnames[(index * 7) % Surnames.Length]}";
        var professional = index % 3 != 0;
        await intake.StoreAsync(id, new ReferralSubmission
        {
            SchemeId = scheme,
            Kind = professional ? ReferralKind.Professional : ReferralKind.Self,
            Urgent = target == "urgent",
            Consent = true,
            Name = name,
            Email = $"{name.Split(' ')[0].ToLowerInvariant()}.{index}@example.org",
            PostcodeDistrict = index % 2 == 0 ? "EX1" : "EX2",
            ReasonForReferral = "Demo referral",
            ReferrerName = professional ? "Sam Worker" : null,
            ReferrerEmail = professional ? "sam.worker@example.org" : null,
            ReferrerOrganisation = professional ? "Children's services" : null,
            ReferrerSector = professional ? ReferrerSectors.All[index % ReferrerSectors.All.Count].ToString() : null,
        }, cancellationToken);

        // Backdated, so that deadlines fall where a real scheme's would: some of them already passed.
        var received = time.GetUtcNow().UtcDateTime.AddDays(-daysAgo);
        await store.Referrals.UpdateAsync(id, "", r => r with { ReceivedAt = received }, MatchProposals.ReferralColumns, cancellationToken);
        await workflows.ScheduleNewOrchestrationInstanceAsync(ReferralLifecycle.Name, new LifecycleState { ReferralId = id }, new StartOrchestrationOptions(id), cancellationToken);
        if (target is "assessment" or "urgent")
        {
            return;
        }

        var outcome = target switch
        {
            "deferred" => AssessmentOutcome.Deferred,
            "not-suitable" => AssessmentOutcome.NotSuitable,
            "withdrawn" => AssessmentOutcome.Withdrawn,
            _ => AssessmentOutcome.Suitable,
        };
        var recontact = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(21 + index));
        var assessed = AssessedAt(index, received);
        await store.Referrals.UpdateAsync(id, "", r => r with
        {
            Outcome = outcome,
            AssessedAt = assessed,
            FirstContactAt = received.AddDays(Math.Min(2, (assessed - received).TotalDays / 2)),
            RecontactOn = outcome == AssessmentOutcome.Deferred ? recontact : null,
            SignpostedTo = outcome == AssessmentOutcome.NotSuitable ? "Local carers' support group" : null,
            Profile = new MatchingProfile
            {
                PostcodeDistrict = r.SchemeId == "peer-link" ? "EX1" : "EX2",
                Availability = ["weekday-daytime"],
                Interests = index % 2 == 0 ? ["art", "walking"] : ["football"],
                Experiences = ["early-placement"],
                MeetsInPerson = false,
            },
        }, MatchProposals.ReferralColumns, cancellationToken);
        await signals.SendAsync(id, new AssessmentRecorded(outcome, outcome == AssessmentOutcome.Deferred ? recontact : null), cancellationToken);
        if (target is "deferred" or "not-suitable" or "withdrawn" or "matching")
        {
            return;
        }

        if (!await StageReachedAsync(id, ReferralStage.Matching, cancellationToken))
        {
            return;
        }

        var candidates = (await proposals.ShortlistAsync(id, cancellationToken)).Candidates;
        if (candidates.Count == 0)
        {
            return;
        }

        var best = candidates[0];

        var (result, match) = await proposals.ProposeAsync(id, best.MentorId, null, cancellationToken);
        if (result != ProposalResult.Proposed)
        {
            return;
        }

        await signals.SendAsync(id, new MatchProposed(match!.Id), cancellationToken);
        if (target == "proposed")
        {
            return;
        }

        await signals.SendAsync(id, new MatchAnswered(match.Id, Accepted: true), cancellationToken);
        if (!await StageReachedAsync(id, ReferralStage.Active, cancellationToken))
        {
            return;
        }

        await BackdateMatchAsync(index, id, match.Id, assessed, cancellationToken);
        if (target == "closing")
        {
            await signals.SendAsync(id, new ClosureRequested("planned-end"), cancellationToken);
        }
    }

    /// <summary>
    /// Assessments spread over the weeks after arrival, a few of them late, as a real scheme's are (the monthly report
    /// of a demo where everything was assessed today would read as broken); never in the future.
    /// </summary>
    private DateTime AssessedAt(int index, DateTime received)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var assessed = received.AddDays(2 + (index * 5 % 13)).AddHours(index % 7);
        return assessed < now ? assessed : received + ((now - received) / 2);
    }

    /// <summary>The proposal and its acceptance moved back to when they would have happened: a week or three after assessment.</summary>
    private async Task BackdateMatchAsync(int index, string referralId, string matchId, DateTime assessed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var proposed = assessed.AddDays(5 + (index * 3 % 17));
        if (proposed >= now)
        {
            proposed = assessed + ((now - assessed) / 2);
        }

        var responded = proposed.AddDays(2) < now ? proposed.AddDays(2) : proposed + ((now - proposed) / 2);
        await store.Matches.UpdateAsync(referralId, matchId, m => m with { ProposedAt = proposed, RespondedAt = responded }, MatchProposals.Columns, cancellationToken);
    }

    private async Task<bool> StageReachedAsync(string id, ReferralStage stage, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await store.Referrals.GetAsync(id, "", cancellationToken))?.Value.Stage == stage)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return false;
    }

    private static Mentor Mentor(
        string id, string scheme, string name, string area, string[] experiences, string[] interests, string gender, DateOnly dbs, int capacity = 2, string[]? languages = null) => new()
    {
        Id = id,
        SchemeId = scheme,
        Name = name,
        Email = $"{name.Split(' ')[0].ToLowerInvariant()}@mentors.example.org",
        Capacity = capacity,
        DbsCheckExpires = dbs,
        TrainingCompleted = true,
        PostcodeDistrict = area,
        Availability = ["weekday-daytime", "weekday-evening"],
        Interests = interests,
        Experiences = experiences,
        Languages = languages ?? ["English"],
        Gender = gender,
        LearningStyles = ["practical"],
    };

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Seeded demo history: {Referrals} closed referrals in {Milliseconds} ms")]
    private partial void LogHistory(int referrals, long milliseconds);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Seeded demo data: {Referrals} referrals")]
    private partial void LogSeeded(int referrals);
}

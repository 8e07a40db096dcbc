using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Notices;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// The lifecycle on the real engine under virtual time, with PeerFlow's records on Azurite. Notices are recorded
/// with the virtual time they were sent at; the emails themselves are tested with the email sender.
/// </summary>
internal sealed class LifecycleHarness : IAsyncDisposable
{
    public const string SchemeId = "fostering";

    private LifecycleHarness(WorkflowTestHost host, PeerFlowStore store, RecordingNotices notices)
    {
        Host = host;
        Store = store;
        Notices = notices;
    }

    public WorkflowTestHost Host { get; }

    public PeerFlowStore Store { get; }

    public RecordingNotices Notices { get; }

    public MatchProposals Proposals => Host.Services.GetRequiredService<MatchProposals>();

    public static async Task<LifecycleHarness> StartAsync(DateTimeOffset start, SchemePolicy? policy = null, bool onAzurite = false, [CallerMemberName] string scenario = "")
    {
        var connection = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
            ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");
        var store = new PeerFlowStore(new TableServiceClient(connection), "t" + Guid.NewGuid().ToString("N")[..10]);
        await store.EnsureCreatedAsync(CancellationToken.None);
        var notices = new RecordingNotices();
        var host = await WorkflowTestHost.StartAsync(
            r => r.AddReferralLifecycle(),
            services =>
            {
                services.AddSingleton(store);
                services.AddSingleton<SchemeCatalog>();
                services.AddSingleton<MatchProposals>();
                services.AddSingleton<ProposalAnswers>();
                services.AddSingleton<ReferralIntake>();
                services.AddSingleton<INoticeSender>(notices);
                services.AddSingleton<NoticeOutbox>();
                services.AddSingleton<IUndeliveredAlert>(notices);
            },
            start,
            onAzurite,
            scenario);
        notices.Clock = host.Clock;
        await host.Services.GetRequiredService<SchemeCatalog>().LoadAsync(new Organisation
        {
            Name = "Test County Council",
            Schemes =
            [
                new Scheme
                {
                    Id = SchemeId,
                    Name = "Foster Carer Mentoring",
                    Coordinator = new StaffContact("Coordinator", "coordinator@example.org"),
                    Manager = new StaffContact("Manager", "manager@example.org"),
                    Policy = policy ?? new SchemePolicy { Calendar = UkRegion.EnglandAndWales, AutoReproposal = true },
                },
            ],
        }, CancellationToken.None);
        return new LifecycleHarness(host, store, notices);
    }

    /// <param name="version">The workflow version to start at; null for the current one, "" for an instance from before versioning.</param>
    /// <param name="referrerUpdates">The person agreed that the referrer hears how the referral goes.</param>
    public async Task<string> ReferAsync(bool urgent = false, string? version = null, bool referrerUpdates = false)
    {
        var id = "r" + Guid.NewGuid().ToString("N")[..12];
        await Host.Services.GetRequiredService<ReferralIntake>().StoreAsync(id, new ReferralSubmission
        {
            SchemeId = SchemeId,
            Kind = ReferralKind.Professional,
            Urgent = urgent,
            Consent = true,
            ReferrerUpdates = referrerUpdates,
            Name = "Alex Example",
            Email = "alex@example.org",
            PostcodeDistrict = "EX1",
            ReasonForReferral = "Newly approved carers, first placement",
            ReferrerName = "Sam Worker",
            ReferrerEmail = "sam.worker@example.org",
            ReferrerOrganisation = "Fostering team",
        }, CancellationToken.None);
        await Host.StartAsync(ReferralLifecycle.Name, new LifecycleState { ReferralId = id }, id, version);
        return id;
    }

    public async Task AddMentorAsync(string id, string area = "EX2", params string[] interests)
    {
        var mentor = new Mentor
        {
            Id = id,
            SchemeId = SchemeId,
            Name = "Mentor " + id,
            Email = id + "@example.org",
            DbsCheckExpires = DateOnly.FromDateTime(Host.Clock.GetUtcNow().UtcDateTime.AddYears(2)),
            TrainingCompleted = true,
            PostcodeDistrict = area,
            Availability = ["weekday-daytime"],
            Interests = interests,
        };
        await Store.Mentors.TryInsertAsync("mentor", id, mentor, MatchProposals.MentorColumns(mentor), CancellationToken.None);
    }

    public async Task<Referral> ReferralAsync(string id) => (await Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value;

    public async Task<Mentor> MentorAsync(string id) => (await Store.Mentors.GetAsync("mentor", id, CancellationToken.None))!.Value;

    /// <summary>What the API does when a coordinator records a suitable assessment: store the profile, then raise the event.</summary>
    public async Task AssessAsync(string id, AssessmentOutcome outcome, DateOnly? recontactOn = null)
    {
        await Store.Referrals.UpdateAsync(id, "", r => r with
        {
            Outcome = outcome,
            AssessedAt = Host.Clock.GetUtcNow().UtcDateTime,
            RecontactOn = recontactOn,
            Profile = new MatchingProfile { PostcodeDistrict = "EX1", Availability = ["weekday-daytime"], Interests = ["art"] },
        }, MatchProposals.ReferralColumns, CancellationToken.None);
        await Host.RaiseEventAsync(id, LifecycleEvents.AssessmentRecorded, new Signal { Outcome = outcome.ToString(), RecontactOn = recontactOn });
    }

    public async Task<string> ProposeAsync(string id, string mentorId)
    {
        var (result, match) = await Proposals.ProposeAsync(id, mentorId, null, CancellationToken.None);
        Assert.Equal(ProposalResult.Proposed, result);
        await Host.RaiseEventAsync(id, LifecycleEvents.MatchProposed, new Signal { MatchId = match!.Id });
        return match.Id;
    }

    public ProposalAnswers Answers => Host.Services.GetRequiredService<ProposalAnswers>();

    /// <summary>What the API does with a mentor's answer: keep it on the match row if it is the first, then signal.</summary>
    public async Task RespondAsync(string id, string matchId, bool accepted)
    {
        Assert.True((await Answers.RecordAsync(id, matchId, accepted ? MatchAnswer.Accepted : MatchAnswer.Declined, CancellationToken.None)).Recorded);
        await Host.RaiseEventAsync(id, LifecycleEvents.MatchResponse, new Signal { MatchId = matchId, Accepted = accepted });
    }

    public Task PostSignalAsync(string id, string name, Signal signal) => Host.PostSignalAsync(id, name, signal);

    public async Task<IReadOnlyList<Domain.Workflow.InboxSignal>> InboxAsync(string id) => await Store.Inbox.ListAsync(id, CancellationToken.None);

    public async Task<LifecycleStatus> StatusAsync(string id) =>
        (await Host.GetStatusAsync(id)).ReadCustomStatusAs<LifecycleStatus>()!;

    /// <summary>The plan on the schedule board, as alerts and the referral page read it.</summary>
    public Task<Domain.Workflow.ScheduleRow?> ScheduleAsync(string id) => Store.Schedule.GetAsync(SchemeId, id, CancellationToken.None);

    /// <summary>
    /// Workflow time to the nearest minute. The sandbox clock stops exactly at each timer, but real milliseconds pass
    /// while the engine handles it; deadlines are whole minutes, so this is the time a notice was due and sent.
    /// </summary>
    public static DateTime Minute(DateTime at) => new(TimeSpan.FromMinutes(Math.Round(at.Ticks / (double)TimeSpan.TicksPerMinute)).Ticks, DateTimeKind.Utc);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Records each notice with the virtual time it was sent at, and each alert that one was not delivered. A test makes
/// the provider fail by setting <see cref="Failure"/>: what it returns for a notice is thrown instead of sending.
/// </summary>
internal sealed class RecordingNotices : INoticeSender, IUndeliveredAlert
{
    private readonly ConcurrentQueue<(NoticeRequest Request, DateTime At, string Key)> sent = new();
    private readonly ConcurrentQueue<NoticeRecord> undelivered = new();
    private int attempts;

    public Func<NoticeRequest, Exception?> Failure { get; set; } = _ => null;

    /// <summary>What the sender says it did not send, and why, for a notice it found nothing left to ask about.</summary>
    public Func<NoticeRequest, string?> NotSent { get; set; } = _ => null;

    /// <summary>Whether the sender says every message of a notice waits for the coordinator's digest.</summary>
    public Func<NoticeRequest, bool> HeldForDigest { get; set; } = _ => false;

    /// <summary>Every call, sent or failed.</summary>
    public int Attempts => attempts;

    public IReadOnlyList<NoticeRecord> UndeliveredAlerts => [.. undelivered];

    public Task TellAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        undelivered.Enqueue(notice);
        return Task.CompletedTask;
    }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public IReadOnlyList<(NoticeRequest Request, DateTime At, string Key)> Sent => [.. sent];

    public IReadOnlyList<Notice> For(string referralId) => [.. sent.Where(s => s.Request.ReferralId == referralId).Select(s => s.Request.Notice)];

    public DateTime At(string referralId, Notice notice) => sent.Single(s => s.Request.ReferralId == referralId && s.Request.Notice == notice).At;

    public Task<NoticeSendResult> SendAsync(NoticeRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        if (Failure(request) is { } failure)
        {
            throw failure;
        }

        if (NotSent(request) is { } why)
        {
            return Task.FromResult(new NoticeSendResult { NotSent = why });
        }

        if (HeldForDigest(request))
        {
            return Task.FromResult(new NoticeSendResult { AllHeldForDigest = true });
        }

        sent.Enqueue((request, LifecycleHarness.Minute(Clock.GetUtcNow().UtcDateTime), idempotencyKey));
        return Task.FromResult(NoticeSendResult.Sent);
    }
}

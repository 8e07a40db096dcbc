using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Timetable;
using PeerFlow.Web.Api;
using PeerFlow.Orchestrations;

namespace PeerFlow.Web.Actions;

/// <summary>
/// What coordinators record on a referral, whether through the API or the pages. Each action validates, stores the
/// details in the records, then tells the workflow with an event that carries ids and codes only.
/// </summary>
public sealed class ReferralActions(ApiServices services, WorkflowSignals signals, ProposalAnswers answers, MatchOverrides overrides)
{
    public async Task<ActionOutcome> ContactAsync(string id, ContactRequest? body, CancellationToken cancellationToken)
    {
        var at = body?.At?.ToUniversalTime() ?? services.Now;
        if (at > services.Now.AddMinutes(5))
        {
            return ActionOutcome.Field("at", "First contact cannot be in the future.");
        }

        var updated = await services.Store.Referrals.UpdateAsync(id, "", r => r with { FirstContactAt = r.FirstContactAt ?? at }, MatchProposals.ReferralColumns, cancellationToken);
        if (updated is null)
        {
            return ActionOutcome.Missing;
        }

        await TimelineAsync(id, "contact", "First contact made", cancellationToken);
        await Audit.RecordAsync(services, id, "recorded first contact", cancellationToken);
        return ActionOutcome.Done();
    }

    public async Task<ActionOutcome> AssessAsync(string id, AssessmentRequest body, CancellationToken cancellationToken)
    {
        var validation = await new AssessmentRequestValidator(services.Time).ValidateAsync(body, cancellationToken);
        if (!validation.IsValid)
        {
            return ActionOutcome.Invalid(validation);
        }

        if (CaseLog.CheckNote(body.Note) is { } longNote)
        {
            return longNote;
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.RecordAssessment) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        // A second post (a page that timed out and was sent again) before the workflow has taken the first would be
        // answered as recorded and then set aside: the person is told what is kept instead.
        if ((await services.Store.Inbox.ListAsync(id, cancellationToken)).Any(s => s.Name == LifecycleEvents.AssessmentRecorded && s.Outcome is null))
        {
            return ActionOutcome.NotPossible("An assessment of this referral was recorded a moment ago and is being acted on: refresh the page to see it.");
        }

        var outcome = Enum.Parse<AssessmentOutcome>(body.Outcome!, true);
        await services.Store.Referrals.UpdateAsync(id, "", r => r with
        {
            Outcome = outcome,
            AssessedAt = services.Now,
            FirstContactAt = r.FirstContactAt ?? services.Now,
            RecontactOn = body.RecontactOn,
            SignpostedTo = body.SignpostedTo,
            Profile = body.Profile ?? r.Profile,
        }, MatchProposals.ReferralColumns, cancellationToken);
        // One line per assessment round, which its deadline names: a post sent again after one that failed part-way
        // (before its signal; a crash run saw it with a host killed) rewrites the line rather than adding a second.
        var round = PeerFlowStore.Key(await AssessmentRoundAsync(referral, cancellationToken));
        await services.Store.Timeline.UpsertAsync(id, "assessment-" + round, new TimelineEntry(id, services.Now, "assessment", $"Assessment recorded: {outcome}"), null, cancellationToken);
        await CaseLog.NoteAsync(services, id, "assessment", body.Note, round, cancellationToken);
        await Audit.RecordAsync(services, id, "recorded assessment", cancellationToken);
        await signals.SendAsync(id, new AssessmentRecorded(outcome, body.RecontactOn), cancellationToken);
        return ActionOutcome.Done();
    }

    /// <summary>
    /// The deadline of the referral's assessment round. Before its workflow has written the first one (a backlog after a
    /// crash; the 1,000-referral crash run saw two lines for one assessment that way), the same deadline worked out as
    /// the workflow will, from when it arrived and the policy it started with.
    /// </summary>
    private async Task<DateTime> AssessmentRoundAsync(Referral referral, CancellationToken cancellationToken)
    {
        if (referral.AssessmentDueAt is { } due)
        {
            return due;
        }

        var policy = (await services.Schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, cancellationToken))?.Policy
            ?? throw new InvalidOperationException($"Scheme {referral.SchemeId} has no policy version {referral.PolicyVersion}.");
        return ReferralTimetable.Assessment(referral.ReceivedAt, referral.Urgent, policy).DueAt;
    }

    /// <summary>A deferred referral taken up again before its re-contact date: its assessment clock starts again.</summary>
    public async Task<ActionOutcome> RecontactAsync(string id, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.Recontact) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        await TimelineAsync(id, "recontact", "Re-contacted early: back to assessment", cancellationToken);
        await Audit.RecordAsync(services, id, "re-contacted a deferred referral", cancellationToken);
        await signals.SendAsync(id, new Recontacted(), cancellationToken);
        return ActionOutcome.Done();
    }

    /// <summary>The mentor and the family have met: the first-meeting alert is called off.</summary>
    public async Task<ActionOutcome> FirstMeetingAsync(string id, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.RecordFirstMeeting) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        var now = services.Now;
        await services.Store.Referrals.UpdateAsync(id, "", r => r with { FirstMeetingAt = r.FirstMeetingAt ?? now }, MatchProposals.ReferralColumns, cancellationToken);
        await TimelineAsync(id, "first-meeting", "First meeting recorded", cancellationToken);
        await Audit.RecordAsync(services, id, "recorded the first meeting", cancellationToken);
        await signals.SendAsync(id, new FirstMeetingRecorded(), cancellationToken);
        return ActionOutcome.Done();
    }

    public async Task<ActionOutcome> ShortlistAsync(string id, CancellationToken cancellationToken)
    {
        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return ActionOutcome.Missing;
        }

        await Audit.RecordAsync(services, id, "viewed shortlist", cancellationToken);
        return ActionOutcome.Done(await services.Proposals.ShortlistAsync(id, cancellationToken));
    }

    public async Task<ActionOutcome> ProposeAsync(string id, ProposalRequest body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.MentorId))
        {
            return ActionOutcome.Field("mentorId", "Choose a mentor.");
        }

        if ((await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value is not { } referral)
        {
            return ActionOutcome.Missing;
        }

        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        var given = string.IsNullOrWhiteSpace(body.OverrideReason) ? body.CapacityOverrideReason : body.OverrideReason;
        if (given?.Length > FieldRules.ReasonLength)
        {
            return ActionOutcome.Field("overrideReason", $"Keep the reason to {FieldRules.ReasonLength} characters.");
        }

        var reason = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        var attempt = await services.Proposals.ProposeAsync(id, body.MentorId, reason, cancellationToken);
        var match = attempt.Match;
        switch (attempt.Result)
        {
            case ProposalResult.AtCapacity:
                return ActionOutcome.NotPossible("The mentor is at capacity. Give a reason to propose them anyway.");
            case ProposalResult.Excluded when attempt.Overridable:
                return ActionOutcome.NotPossible($"The shortlist excludes that mentor ({string.Join("; ", attempt.Excluded)}). Give a reason to propose them anyway.");
            case ProposalResult.Excluded:
                return ActionOutcome.NotPossible($"That mentor cannot be proposed: {string.Join("; ", attempt.Excluded)}.");
            case ProposalResult.MentorUnavailable:
                return ActionOutcome.NotPossible("That mentor cannot be proposed: inactive, in another scheme, or previously paired with this family.");
            case ProposalResult.ReferralNotMatching:
                return ActionOutcome.NotPossible("The referral is not waiting for a match.");
            case ProposalResult.AlreadyProposed:
                return ActionOutcome.NotPossible("A proposal is already waiting for a mentor's answer.");
        }

        if (match!.Overridden.Count > 0)
        {
            // Its reference and scheme never change, so the record read above serves.
            await overrides.RecordAsync(match, referral.Reference, referral.SchemeId, cancellationToken);
            await TimelineAsync(id, "override", $"Proposed despite the shortlist ({string.Join("; ", match.Overridden)}): {match.OverrideReason}", cancellationToken);
        }

        await Audit.RecordAsync(services, id, "proposed a match", cancellationToken);
        await signals.SendAsync(id, new MatchProposed(match.Id), cancellationToken);
        return ActionOutcome.Done(match);
    }

    /// <summary>A coordinator recording the mentor's answer given by phone; mentors themselves answer through their signed link.</summary>
    public async Task<ActionOutcome> AnswerAsync(string id, string matchId, ProposalAnswer body, CancellationToken cancellationToken)
    {
        // Kept only if it is the first answer: a mentor's own link, or a closure, may have answered already.
        var recorded = await answers.RecordAsync(id, matchId, body.Accepted ? MatchAnswer.Accepted : MatchAnswer.Declined, cancellationToken);
        if (recorded.Match is null)
        {
            return ActionOutcome.Missing;
        }

        if (!recorded.Recorded)
        {
            return AnswerMessages.NotKept(recorded.Match);
        }

        await TimelineAsync(id, "answer", body.Accepted ? "Mentor's acceptance recorded by the coordinator" : "Mentor's decline recorded by the coordinator", cancellationToken);
        await Audit.RecordAsync(services, id, body.Accepted ? "recorded acceptance" : "recorded decline", cancellationToken);
        await signals.SendAsync(id, new MatchAnswered(matchId, body.Accepted), cancellationToken);
        return ActionOutcome.Done();
    }

    public async Task<ActionOutcome> CheckInAsync(string id, CheckInRequest body, CancellationToken cancellationToken)
    {
        var validation = await new CheckInRequestValidator().ValidateAsync(body, cancellationToken);
        if (!validation.IsValid)
        {
            return ActionOutcome.Invalid(validation);
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.LogCheckIn) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        var checkIn = await StoreCheckInAsync(referral, body, cancellationToken);
        await Audit.RecordAsync(services, id, "logged a check-in", cancellationToken);
        if (body.RaiseConcern)
        {
            await SafeguardingAsync(id, new SafeguardingRequest(body.Notes, null, nameof(ConcernSeverity.High)), cancellationToken);
        }

        return ActionOutcome.Done(checkIn);
    }

    public async Task<ActionOutcome> BreakdownAsync(string id, ReasonRequest body, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.RecordBreakdown) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        if (body.Reason?.Length > FieldRules.ReasonLength)
        {
            return ActionOutcome.Field("reason", $"Keep the reason to {FieldRules.ReasonLength} characters.");
        }

        if (CaseLog.CheckNote(body.Note) is { } longNote)
        {
            return longNote;
        }

        // Only a code of the referral's scheme goes to the workflow; anything typed stays in the referral's timeline.
        var scheme = await services.Schemes.GetAsync(referral.SchemeId, cancellationToken);
        var (code, note) = ReasonCodes.Read(body.Reason, ReasonCodes.BreakdownFor(scheme), ReasonCodes.Other);
        // One line and one note per match's breakdown: a post sent again after one that failed part-way rewrites them.
        var broken = new TimelineEntry(id, services.Now, "breakdown", note is null ? "Match breakdown reported" : "Match breakdown reported: " + note);
        await (referral.CurrentMatchId is { } matchId
            ? services.Store.Timeline.UpsertAsync(id, "breakdown-" + matchId, broken, null, cancellationToken)
            : TimelineAsync(id, broken.Kind, broken.Text, cancellationToken));
        await CaseLog.NoteAsync(services, id, "breakdown", body.Note, referral.CurrentMatchId, cancellationToken);
        await Audit.RecordAsync(services, id, "reported a breakdown", cancellationToken);
        await signals.SendAsync(id, new BreakdownReported(code), cancellationToken);
        return ActionOutcome.Done();
    }

    /// <summary>Stored apart from everything else; the alert says only that there is a concern and where to look.</summary>
    public async Task<ActionOutcome> SafeguardingAsync(string id, SafeguardingRequest body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Details))
        {
            return ActionOutcome.Field("details", "Describe the concern.");
        }

        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        if (body.Details.Length > 4000)
        {
            return ActionOutcome.Field("details", "Keep the description to 4000 characters; attach anything longer to your case system.");
        }

        ConcernSeverity? severity = null;
        if (!string.IsNullOrWhiteSpace(body.Severity))
        {
            if (!Enum.TryParse<ConcernSeverity>(body.Severity, true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(body.Severity, out _))
            {
                return ActionOutcome.Field("severity", "Choose low, medium or high.");
            }

            severity = parsed;
        }

        if ((await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value is not { } referral)
        {
            return ActionOutcome.Missing;
        }

        // Raised through a link (no one signed in): the scheme's coordinator owns it until someone takes it on.
        var owner = services.Staff.Principal?.Identity?.IsAuthenticated == true
            ? services.Staff.Name
            : (await services.Schemes.GetAsync(referral.SchemeId, cancellationToken))?.Coordinator.Name;

        // Stored before it is counted: a count without its concern would keep the referral on the dashboard with nothing to close.
        await services.Store.Concerns.TryInsertAsync(id, PeerFlowStore.Key(services.Now), new SafeguardingConcern(id, services.Now, string.IsNullOrWhiteSpace(body.RaisedBy) ? services.Staff.Name : body.RaisedBy.Trim(), body.Details.Trim())
        {
            Severity = severity,
            Owner = owner,
        }, null, cancellationToken);
        await services.Store.Referrals.UpdateAsync(id, "", r => r with { SafeguardingConcerns = r.SafeguardingConcerns + 1, OpenConcerns = r.OpenConcerns + 1 }, MatchProposals.ReferralColumns, cancellationToken);
        await TimelineAsync(id, "safeguarding", "Safeguarding concern raised", cancellationToken);
        await Audit.RecordAsync(services, id, "raised a safeguarding concern", cancellationToken);
        await signals.SendAsync(id, new SafeguardingRaised(), cancellationToken);
        return ActionOutcome.Done();
    }

    public async Task<ActionOutcome> CloseAsync(string id, ReasonRequest body, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.Close) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        if (body.Reason?.Length > FieldRules.ReasonLength)
        {
            return ActionOutcome.Field("reason", $"Keep the reason to {FieldRules.ReasonLength} characters.");
        }

        if (CaseLog.CheckNote(body.Note) is { } longNote)
        {
            return longNote;
        }

        // Only a code of the referral's scheme goes to the workflow; anything typed stays in the referral's timeline.
        var scheme = await services.Schemes.GetAsync(referral.SchemeId, cancellationToken);
        var (code, note) = ReasonCodes.Read(body.Reason, ReasonCodes.ClosureFor(scheme), "planned-end");

        // Recorded before the workflow hears of it, by the rule an answer follows: an open proposal is withdrawn
        // unless its mentor's acceptance was kept first, and then the coordinator is told so instead.
        var request = await answers.RequestClosureAsync(id, cancellationToken);
        switch (request.Result)
        {
            case ClosureResult.Missing:
                return ActionOutcome.Missing;
            case ClosureResult.AlreadyRequested:
                return ActionOutcome.NotPossible("The referral is already closing or closed.");
            case ClosureResult.AcceptedFirst:
                return AnswerMessages.AcceptedFirst(request.Match!);
            case ClosureResult.ProposalUnderWay:
                return ActionOutcome.NotPossible("A mentor is being proposed for this referral at this moment. Try again in a minute.");
        }

        // A referral closes once: a request sent again (its first failed part-way, so its signal goes again) rewrites
        // its reason and note rather than adding them twice.
        if (note is not null)
        {
            await services.Store.Timeline.UpsertAsync(id, "closure-note", new TimelineEntry(id, services.Now, "closure-note", "Reason for closing: " + note), null, cancellationToken);
        }

        await CaseLog.NoteAsync(services, id, "closure", body.Note, "requested", cancellationToken);
        await Audit.RecordAsync(services, id, "requested closure", cancellationToken);
        await signals.SendAsync(id, new ClosureRequested(code), cancellationToken);
        return ActionOutcome.Done();
    }

    public async Task<ActionOutcome> FeedbackAsync(string id, FeedbackRequest body, CancellationToken cancellationToken)
    {
        var validation = await new FeedbackRequestValidator().ValidateAsync(body, cancellationToken);
        if (!validation.IsValid)
        {
            return ActionOutcome.Invalid(validation);
        }

        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return ActionOutcome.Missing;
        }

        await StoreFeedbackAsync(id, body.From!, body.Helpfulness, body.Comments, cancellationToken, body.QuoteConsent);
        return ActionOutcome.Done();
    }

    /// <summary>Stores a check-in, moves the referral's last check-in on and tells the workflow; the notes stay in the records.</summary>
    internal async Task<CheckIn> StoreCheckInAsync(Referral referral, CheckInRequest body, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var checkIn = new CheckIn
        {
            Id = "c" + Guid.NewGuid().ToString("N")[..12],
            ReferralId = referral.Id,
            MatchId = referral.CurrentMatchId!,
            At = now,
            Rag = Enum.Parse<RagStatus>(body.Rag!, true),
            MetSinceLastCheckIn = body.Met,
            Notes = string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes.Trim(),
        };
        await services.Store.CheckIns.TryInsertAsync(referral.Id, PeerFlowStore.NewestFirstKey(now), checkIn, null, cancellationToken);
        await services.Store.Referrals.UpdateAsync(referral.Id, "", r => r with
        {
            LastCheckInAt = now,
            LastRag = checkIn.Rag,
            FirstMeetingAt = r.FirstMeetingAt ?? (body.Met ? now : null),
        }, MatchProposals.ReferralColumns, cancellationToken);
        await TimelineAsync(referral.Id, "checkin", $"Check-in logged ({checkIn.Rag})", cancellationToken);
        await signals.SendAsync(referral.Id, new CheckInLogged(checkIn.Id, body.Met, checkIn.Rag), cancellationToken);
        return checkIn;
    }

    internal async Task StoreFeedbackAsync(string id, string from, int helpfulness, string? comments, CancellationToken cancellationToken, bool quoteConsent = false)
    {
        var feedback = new Feedback
        {
            ReferralId = id, From = from, At = services.Now, Helpfulness = helpfulness, Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim(), QuoteConsent = quoteConsent,
        };
        await services.Store.Feedback.UpsertAsync(id, from, feedback, null, cancellationToken);
        await TimelineAsync(id, "feedback", $"Feedback received from the {from}", cancellationToken);
        await signals.SendAsync(id, new FeedbackSubmitted(from), cancellationToken);
    }

    internal Task TimelineAsync(string id, string kind, string text, CancellationToken cancellationToken) =>
        services.Store.Timeline.TryInsertAsync(id, PeerFlowStore.Key(services.Now) + "-" + Guid.NewGuid().ToString("N")[..6], new TimelineEntry(id, services.Now, kind, text), null, cancellationToken);
}

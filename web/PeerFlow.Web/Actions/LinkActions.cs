using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Api;
using PeerFlow.Orchestrations;

namespace PeerFlow.Web.Actions;

/// <summary>What a signed link leads to, read without using it up.</summary>
public sealed record LinkView(LinkAction Action, string ReferralId, string SubjectId, DateTimeOffset? ExpiresAt);

/// <summary>
/// What mentors and mentees do through the signed, expiring, single-use links in their emails, without an account.
/// A link is only used up once what it carries has been validated, so a mistake on the form does not burn it.
/// </summary>
public sealed class LinkActions(SignedLinks links, ApiServices services, ReferralActions actions, WorkflowSignals signals, ProposalAnswers answers, MenteeVoice voices, OutcomeActions outcomes)
{
    /// <summary>Reads a link for showing its form; a GET (which mail scanners also make) never uses it up.</summary>
    public async Task<ActionOutcome> PeekAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (PublicUrls.FromSlug(slug) is not { } expected)
        {
            return Refused(LinkOutcome.Invalid);
        }

        var link = await links.PeekAsync(token, expected, cancellationToken);
        if (!link.IsValid)
        {
            return Refused(link.Outcome);
        }

        // A link that can no longer act says so on first view, in the words a post would get, instead of a form.
        var referral = (await services.Store.Referrals.GetAsync(link.ReferralId!, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return Refused(LinkOutcome.Invalid);
        }

        return await CannotActAsync(expected, referral, link.SubjectId!, cancellationToken)
            ?? ActionOutcome.Done(new LinkView(expected, link.ReferralId!, link.SubjectId!, link.ExpiresAt));
    }

    /// <summary>Why the link's action is no longer possible for the referral as it now is; null when it is.</summary>
    private async Task<ActionOutcome?> CannotActAsync(LinkAction action, Referral referral, string subjectId, CancellationToken cancellationToken)
    {
        if (action == LinkAction.LogCheckIn && ReferralRules.Refusal(referral, ReferralAction.LogCheckIn, subjectId) is { })
        {
            // To a mentor with a link: the match they were asked about, not the referral's stage.
            return ActionOutcome.NotPossible("This match is no longer active, so there is nothing to check in on.");
        }

        if (action == LinkAction.MenteeVoice && ReferralRules.Refusal(referral, ReferralAction.MenteeVoice, subjectId) is { } ended)
        {
            return ActionOutcome.NotPossible(ended);
        }

        if (action == LinkAction.MenteeOutcomes)
        {
            return await outcomes.CannotAnswerAsync(referral, subjectId, cancellationToken);
        }

        if (action is LinkAction.AcceptMatch or LinkAction.DeclineMatch)
        {
            var match = (await services.Store.Matches.GetAsync(referral.Id, subjectId, cancellationToken))?.Value;
            if (match is not { Status: MatchStatus.Proposed, Answer: null })
            {
                return AnswerMessages.NotKept(match);
            }
        }

        return null;
    }

    /// <param name="checkIn">What a check-in link's form carries; null for other links.</param>
    /// <param name="feedback">What a feedback link's form carries; null for other links.</param>
    /// <param name="decline">What a decline link's form carries; null for other links.</param>
    /// <param name="voice">What a mentee's worry link's form carries; null for other links.</param>
    /// <param name="scores">What a mentee's outcome link's form carries; null for other links.</param>
    public async Task<ActionOutcome> UseAsync(
        string slug, string token, CheckInRequest? checkIn, LinkFeedback? feedback, CancellationToken cancellationToken, DeclineRequest? decline = null, MenteeWords? voice = null,
        OutcomeScores? scores = null)
    {
        if (PublicUrls.FromSlug(slug) is not { } expected)
        {
            return Refused(LinkOutcome.Invalid);
        }

        var link = await links.PeekAsync(token, expected, cancellationToken);
        if (!link.IsValid)
        {
            return Refused(link.Outcome);
        }

        var referral = (await services.Store.Referrals.GetAsync(link.ReferralId!, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return Refused(LinkOutcome.Invalid);
        }

        if (expected == LinkAction.LogCheckIn)
        {
            checkIn ??= new CheckInRequest(null, false, null);
            var result = await new CheckInRequestValidator().ValidateAsync(checkIn, cancellationToken);
            if (!result.IsValid)
            {
                return ActionOutcome.Invalid(result);
            }

        }
        else if (expected is LinkAction.MentorFeedback or LinkAction.MenteeFeedback)
        {
            feedback ??= new LinkFeedback(0, null);
            var result = await new FeedbackRequestValidator().ValidateAsync(new FeedbackRequest(link.SubjectId, feedback.Helpfulness, feedback.Comments), cancellationToken);
            if (!result.IsValid)
            {
                return ActionOutcome.Invalid(result);
            }
        }

        else if (expected == LinkAction.DeclineMatch && decline is not null)
        {
            if (TypedInputChecks.Check(decline) is { } badText)
            {
                return badText;
            }

            if (decline.Reason?.Length > DeclineReasonLength)
            {
                return ActionOutcome.Field("reason", $"Keep the reason to {DeclineReasonLength} characters.");
            }
        }

        if (await CannotActAsync(expected, referral, link.SubjectId!, cancellationToken) is { } notPossible)
        {
            return notPossible;
        }

        // After the checks above, which refuse a scheme that asks no questions, so the scale is there to check against.
        if (expected == LinkAction.MenteeOutcomes && await outcomes.CheckAsync(referral, scores, cancellationToken) is { } badScores)
        {
            return badScores;
        }

        if (expected == LinkAction.MenteeVoice)
        {
            // Not used up: a mentee may need to speak up more than once while the match lasts.
            return await voices.RaiseAsync(referral, voice ?? new MenteeWords(null, null, null), cancellationToken) ?? ActionOutcome.Done(expected);
        }

        var used = await links.ConsumeAsync(token, expected, cancellationToken);
        if (!used.IsValid)
        {
            return Refused(used.Outcome);
        }

        switch (expected)
        {
            case LinkAction.AcceptMatch or LinkAction.DeclineMatch:
                // The accept and decline links of one proposal can be posted together: only the first answer is kept,
                // and the other is told what was.
                var recorded = await answers.RecordAsync(referral.Id, link.SubjectId!, expected == LinkAction.AcceptMatch ? MatchAnswer.Accepted : MatchAnswer.Declined, cancellationToken);
                if (!recorded.Recorded)
                {
                    return AnswerMessages.NotKept(recorded.Match);
                }

                // On the timeline before the signal: if signalling fails, the kept answer still shows, and the workflow
                // reads it from the match when its next timer fires.
                var reason = expected == LinkAction.DeclineMatch && !string.IsNullOrWhiteSpace(decline?.Reason) ? decline.Reason.Trim() : null;
                if (reason is not null)
                {
                    await services.Store.Matches.UpdateAsync(referral.Id, link.SubjectId!, m => m with { DeclineReason = reason }, MatchProposals.Columns, cancellationToken);
                }

                await actions.TimelineAsync(
                    referral.Id,
                    "answer",
                    expected == LinkAction.AcceptMatch ? "Mentor accepted the match" : "Mentor declined the match" + (reason is null ? "" : ": " + reason),
                    cancellationToken);
                await signals.SendAsync(referral.Id, new MatchAnswered(link.SubjectId!, expected == LinkAction.AcceptMatch), cancellationToken);
                break;
            case LinkAction.LogCheckIn:
                await actions.StoreCheckInAsync(referral, checkIn!, cancellationToken);
                if (checkIn!.RaiseConcern)
                {
                    await actions.SafeguardingAsync(referral.Id, new SafeguardingRequest(checkIn.Notes, "The mentor, through their check-in link", nameof(Domain.Records.ConcernSeverity.High)), cancellationToken);
                }

                break;
            case LinkAction.MenteeOutcomes:
                await outcomes.StoreAsync(referral, link.SubjectId!, scores!, cancellationToken);
                break;
            default:
                await actions.StoreFeedbackAsync(referral.Id, link.SubjectId!, feedback!.Helpfulness, feedback.Comments, cancellationToken, feedback.QuoteConsent);
                break;
        }

        return ActionOutcome.Done(expected);
    }

    public const int DeclineReasonLength = 500;

    private static ActionOutcome Refused(LinkOutcome outcome) => outcome switch
    {
        LinkOutcome.Expired => new(OutcomeKind.Gone, "Link expired", "This link has expired. Please contact your coordinator."),
        LinkOutcome.AlreadyUsed => new(OutcomeKind.Conflict, "Link already used", "This link has already been used. Thank you."),
        _ => new(OutcomeKind.NotFound, "Link not valid", "This link is not valid. Please check you copied all of it."),
    };
}

using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// A mentee's answers to their scheme's outcome scale, through the signed link in the match-confirmed email ("start")
/// and in the feedback request ("close"): checked against the scheme's statements, kept once per moment as a record of
/// the referral (never in workflow history), with a line on the timeline that holds no score.
/// </summary>
public sealed class OutcomeActions(ApiServices services, ReferralActions actions)
{
    /// <summary>Why the questions cannot be answered now for this referral; null when they can.</summary>
    public async Task<ActionOutcome?> CannotAnswerAsync(Referral referral, string moment, CancellationToken cancellationToken)
    {
        if (!OutcomeMoment.IsKnown(moment) || (await services.Schemes.GetAsync(referral.SchemeId, cancellationToken))?.OutcomeStatements is not { Count: > 0 })
        {
            return ActionOutcome.NotPossible("These questions are no longer asked. Thank you all the same.");
        }

        if (moment == OutcomeMoment.Start && referral.Stage is ReferralStage.Closing or ReferralStage.Closed)
        {
            return ActionOutcome.NotPossible("Your support has ended, so these questions about its start no longer apply. You will be asked how you feel now with your feedback form.");
        }

        return await services.Store.OutcomeAnswers.GetAsync(referral.Id, moment, cancellationToken) is null
            ? null
            : ActionOutcome.NotPossible("You have already answered these questions. Thank you.");
    }

    /// <summary>Every statement of the scheme's scale answered with a whole number from 1 to 5, and nothing else: the problems, or null.</summary>
    public async Task<ActionOutcome?> CheckAsync(Referral referral, OutcomeScores? scores, CancellationToken cancellationToken)
    {
        var statements = (await services.Schemes.GetAsync(referral.SchemeId, cancellationToken))?.OutcomeStatements ?? [];
        var given = scores?.Scores ?? new Dictionary<string, int>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            if (!given.TryGetValue(statement.Id, out var score) || score is < OutcomeScale.Lowest or > OutcomeScale.Highest)
            {
                errors["scores." + statement.Id] = [$"Choose a number from {OutcomeScale.Lowest} to {OutcomeScale.Highest} for \u201c{statement.Text}\u201d."];
            }
        }

        foreach (var unknown in given.Keys.Where(k => statements.All(s => s.Id != k)))
        {
            errors["scores." + unknown] = ["This is not one of the scheme's questions."];
        }

        return errors.Count == 0 ? null : new ActionOutcome(OutcomeKind.Invalid, "Some answers are missing", Errors: errors);
    }

    /// <summary>Keeps the answers (the first for a moment wins: a link is used once, and a second link for the same moment is refused).</summary>
    public async Task StoreAsync(Referral referral, string moment, OutcomeScores scores, CancellationToken cancellationToken)
    {
        var answers = new OutcomeAnswers { ReferralId = referral.Id, Moment = moment, At = services.Now, Scores = new Dictionary<string, int>(scores.Scores!, StringComparer.Ordinal) };
        if (await services.Store.OutcomeAnswers.TryInsertAsync(referral.Id, moment, answers, null, cancellationToken))
        {
            await actions.TimelineAsync(referral.Id, "outcomes", moment == OutcomeMoment.Start ? "The mentee answered the outcome questions at the start of the match" : "The mentee answered the outcome questions at closure", cancellationToken);
        }
    }
}

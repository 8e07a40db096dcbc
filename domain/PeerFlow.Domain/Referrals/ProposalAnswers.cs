using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Referrals;

public enum ClosureResult
{
    Recorded,

    /// <summary>The referral is closing or closed already.</summary>
    AlreadyRequested,

    /// <summary>The mentor's acceptance of the open proposal was kept first: the match goes ahead.</summary>
    AcceptedFirst,

    /// <summary>A proposal is being made this moment (claimed, its match not yet written).</summary>
    ProposalUnderWay,
    Missing,
}

/// <summary>What became of a closure request, and the match that decided it when there was one.</summary>
public sealed record ClosureRequest(ClosureResult Result, Match? Match = null);

/// <summary>What became of an answer: recorded, or the match as it already was (answered or gone).</summary>
public sealed record AnswerRecord(bool Recorded, Match? Match);

/// <summary>
/// The one place a proposal's fate is decided: the match row, written once under its ETag. Accept and decline links
/// posted together, a closure of the referral and the end of the response window all try to write there; the first
/// write is kept and the others are told what was kept. Workflows act on what is stored, never on a signal's payload.
/// </summary>
public sealed class ProposalAnswers(PeerFlowStore store, TimeProvider time)
{
    /// <summary>Records <paramref name="answer"/> unless the proposal already has one or is no longer open.</summary>
    public async Task<AnswerRecord> RecordAsync(string referralId, string matchId, MatchAnswer answer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.Matches.GetAsync(referralId, matchId, cancellationToken);
            if (stored is null)
            {
                return new(false, null);
            }

            if (stored.Value.Answer is not null || stored.Value.Status != MatchStatus.Proposed)
            {
                return new(false, stored.Value);
            }

            var answered = stored.Value with { Answer = answer, AnsweredAt = time.GetUtcNow().UtcDateTime };
            if (await store.Matches.TryReplaceAsync(referralId, matchId, answered, stored.ETag, MatchProposals.Columns(answered), cancellationToken))
            {
                return new(true, answered);
            }
        }

        throw new InvalidOperationException($"Match {matchId} kept changing while an answer was recorded.");
    }

    /// <summary>
    /// Records that closure was asked for. An open proposal is withdrawn on its match row first, by the same rule as
    /// an answer, so a mentor's acceptance and a closure cannot both be kept: whichever is written first wins. The
    /// referral row is written last, under its ETag, so no proposal can start in between.
    /// </summary>
    public async Task<ClosureRequest> RequestClosureAsync(string referralId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.Referrals.GetAsync(referralId, "", cancellationToken);
            if (stored is null)
            {
                return new(ClosureResult.Missing);
            }

            var referral = stored.Value;
            if (ReferralRules.IsClosing(referral))
            {
                return new(ClosureResult.AlreadyRequested);
            }

            if (referral.ClosureRequestedAt is not null)
            {
                // Asked again before the workflow began closing: still true, and the caller's signal is sent again,
                // so a request whose signal was lost in a crash still reaches the workflow.
                return new(ClosureResult.Recorded);
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (referral.CurrentMatchId is { } matchId)
            {
                var match = (await store.Matches.GetAsync(referralId, matchId, cancellationToken))?.Value;
                if (match is null && referral.ProposalClaimedAt is { } claimedAt && now - claimedAt < MatchProposals.ClaimLifetime)
                {
                    return new(ClosureResult.ProposalUnderWay);
                }

                if (match is { Status: MatchStatus.Proposed, Answer: MatchAnswer.Accepted })
                {
                    return new(ClosureResult.AcceptedFirst, match);
                }

                if (match is { Status: MatchStatus.Proposed, Answer: null }
                    && !(await RecordAsync(referralId, matchId, MatchAnswer.Withdrawn, cancellationToken)).Recorded)
                {
                    continue;
                }
            }

            var requested = referral with { ClosureRequestedAt = now };
            if (await store.Referrals.TryReplaceAsync(referralId, "", requested, stored.ETag, MatchProposals.ReferralColumns(requested), cancellationToken))
            {
                return new(ClosureResult.Recorded);
            }
        }

        throw new InvalidOperationException($"Referral {referralId} kept changing while its closure was recorded.");
    }
}

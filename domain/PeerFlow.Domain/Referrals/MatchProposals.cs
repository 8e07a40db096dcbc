using PeerFlow.Domain.Matching;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Referrals;

public enum ProposalResult
{
    Proposed,

    /// <summary>The shortlist excludes the mentor for a reason no override sets aside, or no reason was given.</summary>
    Excluded,
    AtCapacity,
    MentorUnavailable,
    ReferralNotMatching,
    AlreadyProposed,
}

/// <summary>
/// Shortlists mentors for a referral and proposes one. A proposal takes one of the mentor's places at once, under
/// the mentor row's ETag, so two coordinators proposing together cannot over-allocate a mentor.
/// </summary>
public sealed class MatchProposals(PeerFlowStore store, SchemeCatalog schemes, TimeProvider time)
{
    public async Task<Shortlist> ShortlistAsync(string referralId, CancellationToken cancellationToken)
    {
        var referral = (await store.Referrals.GetAsync(referralId, "", cancellationToken))?.Value ?? throw new KeyNotFoundException(referralId);
        var policy = (await schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, cancellationToken))?.Policy ?? new SchemePolicy();
        var mentors = await store.Mentors.QueryAsync($"PartitionKey eq {"mentor"} and SchemeId eq {referral.SchemeId}", cancellationToken);
        var profile = referral.Profile ?? new MatchingProfile();
        var matches = await store.Matches.PartitionAsync(referral.Id, cancellationToken);
        var declined = matches.Select(m => m.Value).Where(m => m.Status is MatchStatus.Declined or MatchStatus.Expired).Select(m => m.MentorId).ToHashSet();
        var request = new MatchRequest(referral.Id, referral.Id)
        {
            PostcodeDistrict = profile.PostcodeDistrict,
            Availability = profile.Availability.ToList(),
            Interests = profile.Interests.ToList(),
            ExperiencesSought = profile.Experiences.ToList(),
            Languages = profile.Languages.ToList(),
            PreferredGender = profile.PreferredGender,
            LearningStyles = profile.LearningStyles.ToList(),
            ExcludedMentorIds = [.. referral.ExcludedMentorIds.Where(id => !declined.Contains(id))],
            DeclinedMentorIds = [.. declined],
            MeetsInPerson = profile.MeetsInPerson,
            NeighbouringAreas = NeighboursOf(profile.PostcodeDistrict, policy.NeighbouringAreas),
        };
        var weights = new MatchingWeights
        {
            Experience = policy.Weights.Experience,
            Interests = policy.Weights.Interests,
            LearningStyle = policy.Weights.LearningStyle,
            Language = policy.Weights.Language,
            Locality = policy.Weights.Locality,
            LoadBalance = policy.Weights.LoadBalance,
        };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return Matcher.Shortlist(request, mentors.Select(m => ToProfile(m.Value)), weights, today);
    }

    /// <summary>
    /// Proposes <paramref name="mentorId"/> if the shortlist allows it: a mentor it excludes only with
    /// <paramref name="overrideReason"/>, and only for reasons a coordinator may set aside (<see cref="ExcludedMentor.CanOverride"/>);
    /// the reason and what it set aside are kept on the match.
    /// </summary>
    public async Task<ProposalAttempt> ProposeAsync(
        string referralId, string mentorId, string? overrideReason, CancellationToken cancellationToken)
    {
        var shortlist = await ShortlistAsync(referralId, cancellationToken);
        var excluded = shortlist.Excluded.FirstOrDefault(x => x.MentorId == mentorId);
        if (excluded is not null && (!excluded.CanOverride || (overrideReason is null && !excluded.ExcludedOnlyForCapacity)))
        {
            return new ProposalAttempt(ProposalResult.Excluded, null) { Excluded = excluded.Reasons, Overridable = excluded.CanOverride };
        }

        var attempt = await ClaimAndReserveAsync(referralId, mentorId, overrideReason, excluded?.Reasons ?? [], cancellationToken);
        return attempt.Result == ProposalResult.AtCapacity ? attempt with { Excluded = excluded?.Reasons ?? [], Overridable = true } : attempt;
    }

    private async Task<ProposalAttempt> ClaimAndReserveAsync(
        string referralId, string mentorId, string? overrideReason, IReadOnlyList<string> overridden, CancellationToken cancellationToken)
    {
        // One proposal at a time, guarded in storage: the referral's current proposal is claimed under its ETag
        // before any mentor's place is touched, so of two coordinators proposing at once exactly one wins and the
        // other's mentor never moves.
        var now = time.GetUtcNow().UtcDateTime;
        var matchId = "m" + Guid.NewGuid().ToString("N")[..12];
        Referral? claimed = null;
        string? previous = null;
        string? previousMentor = null;
        DateTime? previousClaimedAt = null;
        for (var attempt = 0; attempt < 10 && claimed is null; attempt++)
        {
            var stored = await store.Referrals.GetAsync(referralId, "", cancellationToken) ?? throw new KeyNotFoundException(referralId);
            var referral = stored.Value;
            if (!referral.Allows(ReferralAction.ProposeMentor))
            {
                return new ProposalAttempt(ProposalResult.ReferralNotMatching, null);
            }

            if (await IsPendingAsync(referral, now, cancellationToken))
            {
                return new ProposalAttempt(ProposalResult.AlreadyProposed, null);
            }

            var claim = referral with { CurrentMatchId = matchId, ProposalClaimedAt = now, ProposedMentorId = null };
            if (await store.Referrals.TryReplaceAsync(referralId, "", claim, stored.ETag, ReferralColumns(claim), cancellationToken))
            {
                claimed = claim;
                previous = referral.CurrentMatchId;
                previousMentor = referral.ProposedMentorId;
                previousClaimedAt = referral.ProposalClaimedAt;
            }
        }

        if (claimed is null)
        {
            throw new InvalidOperationException($"Referral {referralId} kept changing while a proposal was claimed.");
        }

        var reserved = await ReserveAsync(mentorId, claimed, overrideReason is not null, cancellationToken);
        if (reserved != ProposalResult.Proposed)
        {
            await store.Referrals.UpdateAsync(referralId, "", r => r.CurrentMatchId == matchId ? r with { CurrentMatchId = previous, ProposalClaimedAt = previousClaimedAt, ProposedMentorId = previousMentor } : null, ReferralColumns, cancellationToken);
            return new ProposalAttempt(reserved, null);
        }

        var match = new Match
        {
            Id = matchId,
            ReferralId = referralId,
            MentorId = mentorId,
            ProposedAt = now,
            OverrideReason = overrideReason,
            Overridden = overrideReason is null ? [] : overridden,
        };
        await store.Matches.TryInsertAsync(referralId, match.Id, match, Columns(match), cancellationToken);
        // Only once its row exists, so a claim whose proposer crashed is never listed as a proposal (the dashboard then
        // reads the match, finds none, and offers a new one); and only while the claim stands, as an answer clears it.
        await store.Referrals.UpdateAsync(referralId, "", r => r.CurrentMatchId == matchId ? r with { ProposedMentorId = mentorId } : null, ReferralColumns, cancellationToken);
        return new ProposalAttempt(ProposalResult.Proposed, match);
    }

    /// <summary>
    /// A proposal is open while its match is Proposed, and from the moment it is claimed until its match row is
    /// written. A claim whose row never came (the proposer crashed) stops counting after a few minutes.
    /// </summary>
    private async Task<bool> IsPendingAsync(Referral referral, DateTime now, CancellationToken cancellationToken)
    {
        if (referral.CurrentMatchId is not { } pending)
        {
            return false;
        }

        var match = (await store.Matches.GetAsync(referral.Id, pending, cancellationToken))?.Value;
        return match is null
            ? referral.ProposalClaimedAt is { } claimedAt && now - claimedAt < ClaimLifetime
            : match.Status == MatchStatus.Proposed;
    }

    internal static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Proposes the best candidate on the shortlist, if there is one.</summary>
    public async Task<Match?> ProposeBestAsync(string referralId, CancellationToken cancellationToken)
    {
        var shortlist = await ShortlistAsync(referralId, cancellationToken);
        foreach (var candidate in shortlist.Candidates)
        {
            // Candidates passed every filter moments ago: claimed and reserved directly, not shortlisted again each.
            var (result, match) = await ClaimAndReserveAsync(referralId, candidate.MentorId, null, [], cancellationToken);
            if (result == ProposalResult.Proposed)
            {
                return match;
            }

            if (result is ProposalResult.ReferralNotMatching or ProposalResult.AlreadyProposed)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The areas grouped with the family's own in the scheme's neighbouring areas, its own excepted.</summary>
    private static string[] NeighboursOf(string? district, IReadOnlyList<IReadOnlyList<string>> groups)
    {
        var area = Postcode.Area(district);
        return area is null
            ? []
            : [.. groups.Where(g => g.Contains(area, StringComparer.OrdinalIgnoreCase)).SelectMany(g => g).Select(a => a.ToUpperInvariant()).Where(a => a != area).Distinct()];
    }

    /// <summary>Gives the mentor's place back: after a decline, no answer, a breakdown or a closure.</summary>
    public Task ReleaseAsync(string mentorId, CancellationToken cancellationToken) =>
        store.Mentors.UpdateAsync("mentor", mentorId, m => m with { ActiveMatches = Math.Max(0, m.ActiveMatches - 1) }, MentorColumns, cancellationToken);

    public static IReadOnlyDictionary<string, object?> MentorColumns(Mentor mentor) =>
        new Dictionary<string, object?> { ["SchemeId"] = mentor.SchemeId, ["Active"] = mentor.Active, ["ActiveMatches"] = mentor.ActiveMatches };

    public static IReadOnlyDictionary<string, object?> ReferralColumns(Referral referral) =>
        new Dictionary<string, object?> { ["SchemeId"] = referral.SchemeId, ["Stage"] = referral.Stage.ToString(), ["Reference"] = referral.Reference, ["OpenConcerns"] = referral.OpenConcerns };

    public static IReadOnlyDictionary<string, object?> Columns(Match match) =>
        new Dictionary<string, object?> { ["MentorId"] = match.MentorId, ["Status"] = match.Status.ToString() };

    private async Task<ProposalResult> ReserveAsync(string mentorId, Referral referral, bool allowOverCapacity, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.Mentors.GetAsync("mentor", mentorId, cancellationToken);
            if (stored is null || !stored.Value.Active || stored.Value.SchemeId != referral.SchemeId || referral.ExcludedMentorIds.Contains(mentorId))
            {
                return ProposalResult.MentorUnavailable;
            }

            var mentor = stored.Value;
            if (mentor.ActiveMatches >= mentor.Capacity && !allowOverCapacity)
            {
                return ProposalResult.AtCapacity;
            }

            var next = mentor with { ActiveMatches = mentor.ActiveMatches + 1 };
            if (await store.Mentors.TryReplaceAsync("mentor", mentorId, next, stored.ETag, MentorColumns(next), cancellationToken))
            {
                return ProposalResult.Proposed;
            }
        }

        throw new InvalidOperationException($"Mentor {mentorId} kept changing while a place was being reserved.");
    }

    private static MentorProfile ToProfile(Mentor m) => new(m.Id, m.Name)
    {
        Active = m.Active,
        Capacity = m.Capacity,
        ActiveMatches = m.ActiveMatches,
        DbsCheckExpires = m.DbsCheckExpires,
        TrainingCompleted = m.TrainingCompleted,
        TrainingExpires = m.TrainingExpires,
        PostcodeDistrict = m.PostcodeDistrict,
        Availability = m.Availability.ToList(),
        Interests = m.Interests.ToList(),
        Experiences = m.Experiences.ToList(),
        Languages = m.Languages.ToList(),
        Gender = m.Gender,
        LearningStyles = m.LearningStyles.ToList(),
        ConflictsOfInterest = m.ConflictsOfInterest.ToList(),
    };
}

/// <summary>What a proposal came to.</summary>
public sealed record ProposalAttempt(ProposalResult Result, Match? Match)
{
    /// <summary>The shortlist's reasons, when it excluded the mentor.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Whether a reason would let the proposal through.</summary>
    public bool Overridable { get; init; }
}

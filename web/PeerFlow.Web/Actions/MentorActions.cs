using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>Adding and changing mentors. Their load is the system's to count, so an edit keeps it as it is.</summary>
public sealed class MentorActions(ApiServices services, SignIn.SchemeAccess access)
{
    public async Task<ActionOutcome> CreateAsync(MentorRequest body, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(body, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var mentor = ToMentor("mt" + Guid.NewGuid().ToString("N")[..10], body, activeMatches: 0);
        await services.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), cancellationToken);
        await ChangedAsync(new MentorChange(mentor.Id, mentor.SchemeId, services.Now, Joined: true, false, 0, mentor.Active, mentor.Capacity), cancellationToken);
        return ActionOutcome.Done(mentor);
    }

    public async Task<ActionOutcome> UpdateAsync(string id, MentorRequest body, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(body, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        Mentor? before = null;
        var updated = await services.Store.Mentors.UpdateAsync("mentor", id, m =>
        {
            before = m;
            return ToMentor(id, body, m.ActiveMatches) with { ConflictsOfInterest = m.ConflictsOfInterest, LastSupervisionOn = m.LastSupervisionOn };
        }, MatchProposals.MentorColumns, cancellationToken);
        if (updated is not null && before is not null && (before.Active != updated.Active || before.Capacity != updated.Capacity))
        {
            await ChangedAsync(new MentorChange(id, updated.SchemeId, services.Now, Joined: false, before.Active, before.Capacity, updated.Active, updated.Capacity), cancellationToken);
        }

        return updated is null ? new ActionOutcome(OutcomeKind.NotFound, "No such mentor") : ActionOutcome.Done(updated);
    }

    /// <summary>Kept for the report's month-end figures: mentors and places then, mentors joining and leaving.</summary>
    private Task ChangedAsync(MentorChange change, CancellationToken cancellationToken) =>
        services.Store.MentorChanges.UpsertAsync(change.SchemeId, change.MentorId + "|" + PeerFlowStore.Key(change.At), change, null, cancellationToken);

    public async Task<Mentor?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await services.Store.Mentors.GetAsync("mentor", id, cancellationToken))?.Value;

    /// <summary>Mentors in name order, of one scheme or all, of the schemes the signed-in person works in.</summary>
    public async Task<IReadOnlyList<Mentor>> ListAsync(string? scheme, CancellationToken cancellationToken)
    {
        var schemeIds = await access.SchemeIdsAsync(scheme, cancellationToken);
        var rows = string.IsNullOrEmpty(scheme)
            ? await services.Store.Mentors.PartitionAsync("mentor", cancellationToken)
            : await services.Store.Mentors.QueryAsync($"PartitionKey eq {"mentor"} and SchemeId eq {scheme}", cancellationToken);
        return [.. rows.Select(m => m.Value).Where(m => schemeIds.Contains(m.SchemeId)).OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>A mentor is added to, or moved into, only a scheme the person works in: another is not a scheme to them.</summary>
    private async Task<ActionOutcome?> ValidateAsync(MentorRequest body, CancellationToken cancellationToken)
    {
        var schemeIds = await access.SchemeIdsAsync(null, cancellationToken);
        var result = await new MentorRequestValidator(schemeIds).ValidateAsync(body, cancellationToken);
        return result.IsValid ? null : ActionOutcome.Invalid(result);
    }

    private static Mentor ToMentor(string id, MentorRequest body, int activeMatches) => new()
    {
        Id = id,
        SchemeId = body.SchemeId!,
        Name = body.Name!.Trim(),
        Email = body.Email!.Trim(),
        Phone = string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
        Mobile = PeerFlow.Domain.Sms.UkMobile.TryNormalise(body.Mobile, out var mobile) ? mobile : null,
        TextConsent = body.TextConsent,
        PreferredChannel = body.PreferredChannel,
        Active = body.Active,
        Capacity = body.Capacity,
        ActiveMatches = activeMatches,
        DbsCheckExpires = body.DbsCheckExpires,
        TrainingCompleted = body.TrainingCompleted,
        TrainingExpires = body.TrainingExpires,
        PostcodeDistrict = string.IsNullOrWhiteSpace(body.PostcodeDistrict) ? null : body.PostcodeDistrict.Trim().ToUpperInvariant(),
        Availability = Clean(body.Availability),
        Interests = Clean(body.Interests),
        Experiences = Clean(body.Experiences),
        Languages = Clean(body.Languages),
        Gender = string.IsNullOrWhiteSpace(body.Gender) ? null : body.Gender.Trim(),
        LearningStyles = Clean(body.LearningStyles),
    };

    private static string[] Clean(IReadOnlyList<string>? tags) =>
        [.. (tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}

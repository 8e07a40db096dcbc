using Azure.Data.Tables;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// A mentor's supervision and training log. A supervision logged also moves the mentor's latest supervision on, which
/// is what the dashboard's "supervision overdue" reads; the log itself is read only on the mentor's page.
/// </summary>
public sealed class MentorLog(ApiServices services)
{
    public const int NoteLength = 2000;

    /// <summary>How far back a line may be dated: a log is kept as things happen, not reconstructed years later.</summary>
    public const int MaxDaysBack = 366;

    public async Task<ActionOutcome> AddAsync(string mentorId, MentorLogRequest body, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(services.Now);
        if (Check(body, today) is { } invalid)
        {
            return invalid;
        }

        var kind = Enum.Parse<MentorLogKind>(body.Kind!, true);
        var on = body.On ?? today;
        if (await services.Store.Mentors.GetAsync("mentor", mentorId, cancellationToken) is null)
        {
            return new ActionOutcome(OutcomeKind.NotFound, "No such mentor");
        }

        var entry = new MentorLogEntry
        {
            Id = "l" + Guid.NewGuid().ToString("N")[..12],
            MentorId = mentorId,
            On = on,
            Kind = kind,
            Who = string.IsNullOrWhiteSpace(body.Who) ? services.Staff.Name : body.Who.Trim(),
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
            RecordedBy = services.Staff.Name,
            RecordedAt = services.Now,
        };
        await services.Store.MentorLog.TryInsertAsync(mentorId, PeerFlowStore.NewestFirstKey(on.ToDateTime(TimeOnly.MinValue)) + "-" + entry.Id, entry, null, cancellationToken);
        if (kind == MentorLogKind.Supervision)
        {
            // A supervision logged late, before the latest one, leaves the latest as it is.
            await services.Store.Mentors.UpdateAsync(
                "mentor", mentorId, m => m.LastSupervisionOn is { } last && last >= on ? m : m with { LastSupervisionOn = on }, MatchProposals.MentorColumns, cancellationToken);
        }

        return ActionOutcome.Done(entry);
    }

    /// <summary>What is wrong with a line before anything is stored; null when it is fine.</summary>
    public static ActionOutcome? Check(MentorLogRequest body, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<MentorLogKind>(body.Kind, true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
        {
            errors["kind"] = ["Choose supervision, training or other."];
        }

        if (body.On > today)
        {
            errors["on"] = ["The day cannot be in the future."];
        }
        else if (body.On < today.AddDays(-MaxDaysBack))
        {
            errors["on"] = ["That is more than a year ago: check the date."];
        }

        if (body.Who?.Length > FieldRules.NameLength)
        {
            errors["who"] = [$"Keep who gave it to {FieldRules.NameLength} characters."];
        }

        if (body.Note?.Length > NoteLength)
        {
            errors["note"] = [$"Keep the note to {NoteLength} characters."];
        }

        return errors.Count > 0 ? new ActionOutcome(OutcomeKind.Invalid, "Some details need correcting", Errors: errors) : null;
    }

    /// <summary>The mentor's log, newest first.</summary>
    public async Task<IReadOnlyList<MentorLogEntry>> ListAsync(string mentorId, CancellationToken cancellationToken) =>
        [.. (await services.Store.MentorLog.QueryAsync($"PartitionKey eq {mentorId}", cancellationToken)).Select(e => e.Value).OrderByDescending(e => e.On).ThenByDescending(e => e.RecordedAt)];
}

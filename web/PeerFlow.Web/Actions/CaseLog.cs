using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// A referral's contact log, coordinators' notes on its steps, and the needs gathered at assessment as they are
/// revised. Records only: the workflow hears nothing of them (the shortlist is worked out from the records whenever it
/// is shown, so revised needs apply to the next one without a signal).
/// </summary>
public sealed class CaseLog(ApiServices services)
{
    public const int NoteLength = 2000;

    /// <summary>A few sentences: what a mentor reads in a proposal before saying yes or no.</summary>
    public const int SharedDescriptionLength = 600;

    /// <summary>How far ahead of PeerFlow's clock a contact may be dated: the clock of the device it was typed on.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<ActionOutcome> LogContactAsync(string id, ContactLogRequest body, CancellationToken cancellationToken)
    {
        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<ContactKind>(body.Kind, true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
        {
            errors["kind"] = ["Choose phone, visit, message, email or meeting."];
        }

        var now = services.Now;
        var at = string.IsNullOrWhiteSpace(body.At) ? now : UkTime.ParseInstant(body.At);
        if (at is null)
        {
            errors["at"] = ["Enter when it happened, like 2026-12-01T14:30 (UK time) or 2026-12-01T14:30:00+00:00."];
        }
        else if (at > now + ClockSkew)
        {
            errors["at"] = ["A contact cannot be in the future."];
        }

        if (body.Who?.Length > FieldRules.NameLength)
        {
            errors["who"] = [$"Keep who made the contact to {FieldRules.NameLength} characters."];
        }

        if (body.Note?.Length > NoteLength)
        {
            errors["note"] = [$"Keep the note to {NoteLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new ActionOutcome(OutcomeKind.Invalid, "Some details need correcting", Errors: errors);
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (at < referral.ReceivedAt.AddYears(-1))
        {
            return ActionOutcome.Field("at", "That is more than a year before the referral was received: check the date.");
        }

        var note = await WriteAsync(id, at!.Value, kind, null, string.IsNullOrWhiteSpace(body.Who) ? services.Staff.Name : body.Who.Trim(), body.Note, null, cancellationToken);

        // A contact is a contact: the first one recorded is the referral's first contact, whenever it is logged.
        await services.Store.Referrals.UpdateAsync(id, "", r => r.FirstContactAt is { } first && first <= note.At ? r : r with { FirstContactAt = note.At }, MatchProposals.ReferralColumns, cancellationToken);
        await Audit.RecordAsync(services, id, "logged a contact", cancellationToken);
        return ActionOutcome.Done(note);
    }

    /// <summary>The needs gathered at assessment, revised: the next shortlist is drawn from them.</summary>
    public async Task<ActionOutcome> ReviseNeedsAsync(string id, NeedsRequest body, CancellationToken cancellationToken)
    {
        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        // The assessment's own rules for a matching profile, so that revised needs are held to what first ones were.
        var validation = await new AssessmentRequestValidator(services.Time).ValidateAsync(
            new AssessmentRequest(nameof(AssessmentOutcome.Suitable), null, null, body.Profile), cancellationToken);
        if (!validation.IsValid)
        {
            return ActionOutcome.Invalid(validation);
        }

        if (body.Note?.Length > NoteLength)
        {
            return ActionOutcome.Field("note", $"Keep the note to {NoteLength} characters.");
        }

        if (body.SharedDescription?.Length > SharedDescriptionLength)
        {
            return ActionOutcome.Field("sharedDescription", $"Keep the description to {SharedDescriptionLength} characters.");
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (ReferralRules.Refusal(referral, ReferralAction.ReviseNeeds) is { } refusal)
        {
            return ActionOutcome.NotPossible(refusal);
        }

        await services.Store.Referrals.UpdateAsync(id, "", r => r with { Profile = body.Profile }, MatchProposals.ReferralColumns, cancellationToken);
        if (body.SharedDescription is { } shared)
        {
            var words = string.IsNullOrWhiteSpace(shared) ? null : shared.Trim();
            await services.Store.People.UpdateAsync(id, nameof(PersonRole.Mentee), p => p.SharedDescription == words ? p : p with { SharedDescription = words }, null, cancellationToken);
        }

        await TimelineAsync(id, "needs", referral.Stage == ReferralStage.Matching ? "Needs revised: the shortlist uses them from now on" : "Needs revised", cancellationToken);
        await NoteAsync(services, id, "needs", body.Note, null, cancellationToken);
        await Audit.RecordAsync(services, id, "revised needs", cancellationToken);
        return ActionOutcome.Done(body.Profile);
    }

    /// <summary>
    /// A note typed on a step's form (assessment, breakdown, closure, needs); nothing when none was typed. A step that
    /// happens once per round (an assessment per deadline, a breakdown per match, a closure) names the round in
    /// <paramref name="round"/>: a post sent again after one that failed part-way then rewrites its note rather than
    /// adding a second.
    /// </summary>
    public static async Task NoteAsync(ApiServices services, string id, string about, string? text, string? round, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            await new CaseLog(services).WriteAsync(id, services.Now, null, about, services.Staff.Name, text, round is null ? null : about + "-" + round, cancellationToken);
        }
    }

    /// <summary>The check a step's form makes of its note before anything is stored; null when it is fine.</summary>
    public static ActionOutcome? CheckNote(string? text) =>
        text?.Length > NoteLength ? ActionOutcome.Field("note", $"Keep the note to {NoteLength} characters.") : null;

    /// <summary>
    /// A coordinator has read a mentee's message (a worry, or a request for another mentor) and taken it up: it leaves
    /// the dashboard. Marking one read again changes nothing. Its row key is its id (<see cref="MenteeVoice"/>).
    /// </summary>
    public async Task<ActionOutcome> MarkMenteeMessageReadAsync(string id, string noteId, CancellationToken cancellationToken)
    {
        var read = await services.Store.CaseNotes.UpdateAsync(
            id, noteId, n => n.FromMentee && n.ReadAt is null ? n with { ReadAt = services.Now, ReadBy = services.Staff.Name } : n, null, cancellationToken);
        if (read is not { FromMentee: true })
        {
            return new ActionOutcome(OutcomeKind.NotFound, "No such referral or message from its mentee");
        }

        await Audit.RecordAsync(services, id, "marked a message from the mentee read", cancellationToken);
        return ActionOutcome.Done(read);
    }

    /// <summary>Contacts and notes, newest first.</summary>
    public async Task<IReadOnlyList<CaseNote>> ListAsync(string id, CancellationToken cancellationToken) =>
        [.. (await services.Store.CaseNotes.PartitionAsync(id, cancellationToken)).Select(n => n.Value).OrderByDescending(n => n.At)];

    private async Task<CaseNote> WriteAsync(string id, DateTime at, ContactKind? kind, string? about, string? who, string? text, string? stepKey, CancellationToken cancellationToken)
    {
        var note = new CaseNote
        {
            Id = stepKey ?? "n" + Guid.NewGuid().ToString("N")[..12],
            ReferralId = id,
            At = at,
            Contact = kind,
            About = about,
            Who = who,
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            RecordedBy = services.Staff.Name,
            RecordedAt = services.Now,
        };
        if (stepKey is null)
        {
            await services.Store.CaseNotes.TryInsertAsync(id, PeerFlowStore.NewestFirstKey(at) + "-" + note.Id, note, null, cancellationToken);
        }
        else
        {
            await services.Store.CaseNotes.UpsertAsync(id, stepKey, note, null, cancellationToken);
        }

        return note;
    }

    private Task<bool> TimelineAsync(string id, string kind, string text, CancellationToken cancellationToken) =>
        services.Store.Timeline.TryInsertAsync(id, PeerFlowStore.Key(services.Now) + "-" + Guid.NewGuid().ToString("N")[..6], new TimelineEntry(id, services.Now, kind, text), null, cancellationToken);
}

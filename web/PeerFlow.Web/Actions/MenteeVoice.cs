using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Delivery;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>What a mentee sends through their link: a worry or a wish for a different mentor, in their words.</summary>
/// <param name="Kind">"worry" or "change".</param>
/// <param name="Key">The form's own key, so a post sent twice is kept once.</param>
public sealed record MenteeWords(string? Kind, [property: Domain.Text.MultiLine] string? Notes, string? Key);

/// <summary>
/// A matched mentee's voice: kept in the referral's contact log (erased and exported with it), written on the
/// timeline, and the coordinator told through the notice outbox. Not a safeguarding concern: the coordinator decides.
/// </summary>
public sealed class MenteeVoice(ApiServices services, NoticeOutbox outbox)
{
    public const int TextLength = 1000;

    public const string Worry = "worry";

    public const string Change = "change";

    /// <returns>Null when it was kept (or had been, for a repeated post); otherwise what is wrong with it.</returns>
    public async Task<ActionOutcome?> RaiseAsync(Referral referral, MenteeWords words, CancellationToken cancellationToken)
    {
        if (TypedInputChecks.Check(words) is { } badText)
        {
            return badText;
        }

        if (words.Kind is not (Worry or Change))
        {
            return ActionOutcome.Field("kind", "Choose whether you have a worry or would like a different mentor.");
        }

        if (string.IsNullOrWhiteSpace(words.Notes))
        {
            return ActionOutcome.Field("notes", "Tell your coordinator what is on your mind.");
        }

        if (words.Notes.Length > TextLength)
        {
            return ActionOutcome.Field("notes", $"Keep it to {TextLength} characters.");
        }

        var key = words.Key is { Length: 32 } k && k.All(char.IsAsciiHexDigitLower) ? k : Guid.NewGuid().ToString("N");
        var now = services.Now;
        var note = new CaseNote
        {
            Id = "mentee-" + key,
            ReferralId = referral.Id,
            At = now,
            Contact = ContactKind.Message,
            About = words.Kind == Worry ? CaseNote.MenteeWorry : CaseNote.MenteeChange,
            Who = "The mentee, through their link",
            Text = words.Notes.Trim(),
            RecordedBy = "mentee link",
            RecordedAt = now,
        };
        if (await services.Store.CaseNotes.TryInsertAsync(referral.Id, note.Id, note, null, cancellationToken))
        {
            var said = words.Kind == Worry ? "The mentee raised a worry through their link" : "The mentee asked for a different mentor through their link";
            await services.Store.Timeline.TryInsertAsync(referral.Id, PeerFlowStore.Key(now) + "-" + note.Id, new TimelineEntry(referral.Id, now, "mentee", said), null, cancellationToken);
        }

        // Queued on every post, once per key: a post whose first try stopped after the note still tells the coordinator.
        var notice = new NoticeRequest(referral.Id, words.Kind == Worry ? Notice.MenteeWorry : Notice.MenteeAsksForChange, referral.CurrentMatchId)
        {
            Key = $"{referral.Id}:mentee:{key}",
            DecidedAt = now,
        };
        await outbox.QueueAsync(notice, services.Workflows, cancellationToken);
        return null;
    }
}

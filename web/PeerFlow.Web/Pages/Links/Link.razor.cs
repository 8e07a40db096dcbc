using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Links;

/// <summary>
/// The page behind each signed link in an email: accept or decline a match, log a check-in, give closure feedback.
/// Showing it never uses the link up (mail scanners open links too); only a valid post does, through the link actions.
/// </summary>
public sealed partial class Link
{
    public static IReadOnlyList<Choice> RagOptions { get; } =
    [
        new("green", "Green – going well"),
        new("amber", "Amber – some worries", "Say what they are in the notes below."),
        new("red", "Red – serious problems", "The coordinator will contact you."),
    ];

    public static IReadOnlyList<Choice> MetOptions { get; } = [new(LinkInput.Yes, "Yes"), new(LinkInput.No, "No")];

    public static IReadOnlyList<Choice> ConcernOption { get; } = [new(LinkInput.Yes, "My notes describe a safeguarding concern", "Your coordinator is alerted at once, with the scheme's safeguarding lead.")];

    public static IReadOnlyList<Choice> VoiceOptions { get; } =
    [
        new(MenteeVoice.Worry, "I have a worry", "About the support, your mentor, or anything else you would like your coordinator to know."),
        new(MenteeVoice.Change, "I would like a different mentor", "You do not have to give a reason, but it helps your coordinator to find the right person."),
    ];

    public static IReadOnlyList<Choice> QuoteOption { get; } = [new(LinkInput.Yes, "You may quote what I wrote in reports, without my name")];

    public static IReadOnlyList<Choice> ScoreOptions { get; } =
        [new("1", "1 – Not at all"), new("2", "2 – A little"), new("3", "3 – Somewhat"), new("4", "4 – Mostly"), new("5", "5 – Very much")];

    public static IReadOnlyList<Choice> HelpfulnessOptions { get; } =
        [new("1", "1 – Not at all"), new("2", "2 – A little"), new("3", "3 – Somewhat"), new("4", "4 – A lot"), new("5", "5 – Very much")];

    /// <summary>Not "done", the thank-you page's address: the Functions host does not rank literal routes first.</summary>
    private const string SlugPattern = "/m/{slug:regex(^(?!done$))}";

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        // The token in the query string (as emails give it) and posted in the form: never in a recorded URL.
        new("QueryLinkPage", "GET", SlugPattern, GetByQueryAsync, Audience.Public),
        new("QueryLinkPost", "POST", SlugPattern, PostByFormAsync, Audience.Public),
        // The older form, token in the path, for links sent before: they work until they expire.
        new("LinkPage", "GET", "/m/{slug}/{token}", GetAsync, Audience.Public),
        new("LinkPost", "POST", "/m/{slug}/{token}", PostAsync, Audience.Public),
    ];

    private static Task<IResult> GetByQueryAsync(
        string slug, [FromQuery(Name = PublicUrls.TokenParameter)] string? t, HttpContext http, LinkActions links, PeerFlowStore store, SchemeCatalog schemes, PageRenderer pages, CancellationToken cancellationToken) =>
        GetAsync(slug, t ?? "", http, links, store, schemes, pages, cancellationToken);

    private static async Task<IResult> GetAsync(
        string slug, string token, HttpContext http, LinkActions links, PeerFlowStore store, SchemeCatalog schemes, PageRenderer pages, CancellationToken cancellationToken) =>
        await ShowAsync(new Shown(http, slug, token, store, schemes, pages), await links.PeekAsync(slug, token, cancellationToken), new LinkInput(), null, cancellationToken);

    private static Task<IResult> PostByFormAsync(
        string slug, HttpContext http, LinkActions links, PeerFlowStore store, SchemeCatalog schemes, PageRenderer pages, CancellationToken cancellationToken) =>
        PostFormAsync(slug, form => form[PublicUrls.TokenParameter] ?? "", http, links, store, schemes, pages, cancellationToken);

    private static Task<IResult> PostAsync(
        string slug, string token, HttpContext http, LinkActions links, PeerFlowStore store, SchemeCatalog schemes, PageRenderer pages, CancellationToken cancellationToken) =>
        PostFormAsync(slug, _ => token, http, links, store, schemes, pages, cancellationToken);

    private static async Task<IResult> PostFormAsync(
        string slug, Func<PostedForm, string> tokenOf, HttpContext http, LinkActions links, PeerFlowStore store, SchemeCatalog schemes, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var token = tokenOf(form);

        // Only what the link's own form asks for is passed on; anything else posted is ignored.
        var shown = new Shown(http, slug, token, store, schemes, pages);
        var input = form.Bind<LinkInput>("Input");
        var action = PublicUrls.FromSlug(slug);
        if (action == LinkAction.MenteeOutcomes)
        {
            input.Scores = form.Form.Keys.Where(k => k.StartsWith(LinkInput.ScorePrefix, StringComparison.Ordinal))
                .ToDictionary(k => k, k => form[k], StringComparer.Ordinal);
        }

        if (action == LinkAction.LogCheckIn && input.Met is not (LinkInput.Yes or LinkInput.No))
        {
            form.ModelState.AddUnansweredMet(input.ToCheckIn(), "Input", "Say whether you have met since your last check-in.");
            return await ShowAsync(shown, await links.PeekAsync(slug, token, cancellationToken), input, form.ModelState, cancellationToken);
        }

        var outcome = await links.UseAsync(
            slug,
            token,
            action == LinkAction.LogCheckIn ? input.ToCheckIn() : null,
            action is LinkAction.MentorFeedback or LinkAction.MenteeFeedback ? input.ToFeedback() : null,
            cancellationToken,
            action == LinkAction.DeclineMatch ? new DeclineRequest(string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason) : null,
            action == LinkAction.MenteeVoice ? new MenteeWords(input.Kind, input.Notes, form["Key"]) : null,
            action == LinkAction.MenteeOutcomes ? await ScoresAsync(shown, token, input, links, cancellationToken) : null);
        if (outcome.Succeeded)
        {
            // The thank-you address carries no token, so it can be bookmarked or shared without giving the link away.
            http.Response.Headers.Location = "/m/done?action=" + slug;
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        if (outcome.Kind != OutcomeKind.Invalid)
        {
            return await RefuseAsync(shown, outcome);
        }

        form.ModelState.AddErrors(outcome);
        return await ShowAsync(shown, await links.PeekAsync(slug, token, cancellationToken), input, form.ModelState, cancellationToken);
    }

    /// <summary>The form's answers by statement id: only the scheme's statements are read, and a choice that is not a number is none.</summary>
    private static async Task<OutcomeScores> ScoresAsync(Shown shown, string token, LinkInput input, LinkActions links, CancellationToken cancellationToken)
    {
        var statements = await StatementsAsync(shown, await links.PeekAsync(shown.Slug, token, cancellationToken), cancellationToken);
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var statement in statements)
        {
            if (int.TryParse(input.Score(statement.Id), NumberStyles.None, CultureInfo.InvariantCulture, out var score))
            {
                scores[statement.Id] = score;
            }
        }

        return new OutcomeScores(scores);
    }

    private static async Task<IReadOnlyList<OutcomeStatement>> StatementsAsync(Shown shown, ActionOutcome peeked, CancellationToken cancellationToken) =>
        peeked is { Succeeded: true, Value: LinkView { Action: LinkAction.MenteeOutcomes } link }
            && (await shown.Store.Referrals.GetAsync(link.ReferralId, "", cancellationToken))?.Value is { } referral
            ? (await shown.Schemes.GetAsync(referral.SchemeId, cancellationToken))?.OutcomeStatements ?? []
            : [];

    private static async Task<IResult> ShowAsync(Shown shown, ActionOutcome peeked, LinkInput input, ModelStateDictionary? modelState, CancellationToken cancellationToken)
    {
        if (peeked is not { Succeeded: true, Value: LinkView link })
        {
            return await RefuseAsync(shown, peeked);
        }

        var parameters = new Dictionary<string, object?>
        {
            [nameof(Slug)] = shown.Slug,
            [nameof(Token)] = shown.Token,
            [nameof(View)] = link,
            [nameof(Input)] = input,
            // A new key each time the form is drawn: a post sent twice (a double click) is kept once.
            [nameof(Key)] = Guid.NewGuid().ToString("N"),
        };
        var referral = (await shown.Store.Referrals.GetAsync(link.ReferralId, "", cancellationToken))?.Value;
        if (referral is not null)
        {
            parameters[nameof(Reference)] = referral.Reference;
            var scheme = await shown.Schemes.GetAsync(referral.SchemeId, cancellationToken);
            parameters[nameof(SchemeName)] = scheme?.Name;
            parameters[nameof(Coordinator)] = scheme?.Coordinator;
            parameters[nameof(Statements)] = link.Action == LinkAction.MenteeOutcomes ? scheme?.OutcomeStatements ?? [] : [];
        }

        return await shown.Pages.RenderAsync<Link>(shown.Http, parameters, modelState);
    }

    // The form is gone, so its messages would only mislead (and mark the page title as an error): none are passed on.
    private static async Task<IResult> RefuseAsync(Shown shown, ActionOutcome outcome)
    {
        var refusal = LinkRefusal.From(outcome);
        return await shown.Pages.RenderAsync<Link>(
            shown.Http,
            new Dictionary<string, object?> { [nameof(Refusal)] = refusal },
            statusCode: refusal.Status);
    }

    /// <summary>What drawing the page needs, gathered once per request.</summary>
    private sealed record Shown(HttpContext Http, string Slug, string Token, PeerFlowStore Store, SchemeCatalog Schemes, PageRenderer Pages);
}

/// <summary>Why a link cannot be used, as the page says it, with the matching HTTP status.</summary>
public sealed record LinkRefusal(int Status, string Heading, string Detail)
{
    public static LinkRefusal From(ActionOutcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Gone => new(StatusCodes.Status410Gone, "This link has expired", outcome.Detail ?? "Links stop working after a while, to keep them safe."),
        OutcomeKind.Conflict when outcome.Title == "Link already used" => new(StatusCodes.Status409Conflict, "This link has already been used", outcome.Detail ?? "Each link works once."),
        OutcomeKind.Conflict => new(StatusCodes.Status409Conflict, "Not possible now", outcome.Detail ?? "This cannot be done at the moment."),
        _ => new(StatusCodes.Status404NotFound, "This link is not valid", outcome.Detail ?? "Please check you copied all of it."),
    };
}

/// <summary>What the link forms post, as text, so nothing fails to bind; the link actions judge it.</summary>
public sealed class LinkInput
{
    public const string Yes = "yes";

    public const string No = "no";

    public string? Rag { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? Met { get; set; }

    public string? Notes { get; set; }

    /// <summary>"yes" when the notes describe a safeguarding concern.</summary>
    public string? RaiseConcern { get; set; }

    public string? Helpfulness { get; set; }

    public string? Comments { get; set; }

    /// <summary>"yes" when they agree to be quoted without their name; the box starts unticked.</summary>
    public string? Quote { get; set; }

    /// <summary>A mentee's "worry" or "change" (a different mentor).</summary>
    public string? Kind { get; set; }

    /// <summary>Why a mentor declines, if they say.</summary>
    public string? Reason { get; set; }

    /// <summary>The outcome form's answers, by their fields' names ("Input.Scores.Confident"); set from the posted form.</summary>
    public IReadOnlyDictionary<string, string?> Scores { get; set; } = new Dictionary<string, string?>();

    public const string ScorePrefix = "Input.Scores.";

    /// <summary>
    /// A statement's field: the name the link actions' error for it ("scores.{id}") is shown against, once the page has
    /// capitalised its parts as it does every field's.
    /// </summary>
    public static string ScoreField(string statementId) => ScorePrefix + char.ToUpperInvariant(statementId[0]) + statementId[1..];

    public string? Score(string statementId) => Scores.GetValueOrDefault(ScoreField(statementId));

    public CheckInRequest ToCheckIn() => new(Blank(Rag), Met == Yes, Blank(Notes), RaiseConcern == Yes);

    /// <summary>No answer, or not a number, is 0: out of range, so the validator asks for one.</summary>
    public LinkFeedback ToFeedback() =>
        new(int.TryParse(Helpfulness, NumberStyles.None, CultureInfo.InvariantCulture, out var score) ? score : 0, Blank(Comments), Quote == Yes);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

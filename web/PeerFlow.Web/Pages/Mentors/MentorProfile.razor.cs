using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Mentors;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>One mentor: their load and checks, supervision and training, their details, and their matches.</summary>
public sealed partial class MentorProfile
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        // The Functions host tries routes in function-name order, not by ASP.NET's precedence (azure-functions-host
        // issue 9876): the id must refuse "new", or "Add a mentor" would open as a profile.
        new("MentorProfilePage", "GET", "/mentors/{id:regex(^(?!new$))}", GetAsync, Audience.Staff),
        new("MentorLogPost", "POST", "/mentors/{id}/log", PostLogAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string id, string? logged, HttpContext http, MentorActions mentors, MentorLog log, ApiServices services, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return Results.NotFound();
        }

        var parameters = await ParametersAsync(mentor, new MentorLogInput(), log, services, cancellationToken);
        parameters[nameof(Logged)] = logged == "1";
        return await pages.RenderAsync<MentorProfile>(http, parameters);
    }

    /// <summary>A line of the log from the page's form: the profile again on success (See Other), else the form with its messages.</summary>
    private static async Task<IResult> PostLogAsync(string id, HttpContext http, MentorActions mentors, MentorLog log, ApiServices services, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return Results.NotFound();
        }

        var input = form.Bind<MentorLogInput>("Log");
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(input.On))
        {
            if (DateOnly.TryParseExact(input.On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                on = day;
            }
            else
            {
                form.ModelState.AddFieldError("Log.On", "Enter the day as a real date, like 2026-12-01.");
            }
        }

        var request = new MentorLogRequest(input.Kind, on, input.Who, input.Note);

        // A day that did not parse is never stored as today: the form comes back with it and any other message.
        var outcome = form.ModelState.ErrorCount > 0
            ? MentorLog.Check(request, MentorDisplay.Today(services.Time)) ?? new ActionOutcome(OutcomeKind.Invalid, "Some details need correcting")
            : await log.AddAsync(id, request, cancellationToken);
        if (outcome.Succeeded)
        {
            http.Response.Headers.Location = $"/mentors/{Uri.EscapeDataString(id)}?logged=1#log";
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        if (outcome.Errors is not null)
        {
            form.ModelState.AddErrors(outcome, "Log");
        }

        return await pages.RenderAsync<MentorProfile>(http, await ParametersAsync(mentor, input, log, services, cancellationToken), form.ModelState);
    }

    private static async Task<Dictionary<string, object?>> ParametersAsync(Mentor mentor, MentorLogInput input, MentorLog log, ApiServices services, CancellationToken cancellationToken)
    {
        var scheme = await services.Schemes.GetAsync(mentor.SchemeId, cancellationToken);
        var cadence = scheme?.Policy.SupervisionCadenceDays ?? 0;
        var today = MentorDisplay.Today(services.Time);

        // Matches are kept under their referral, and again under their mentor by the same writes.
        var matches = await services.Store.MatchesByMentor.InAsync(mentor.Id, cancellationToken);
        var rows = new List<MatchRow>();
        foreach (var match in matches)
        {
            var referral = (await services.Store.Referrals.GetAsync(match.ReferralId, "", cancellationToken))?.Value;
            rows.Add(new MatchRow(match, referral?.Reference ?? match.ReferralId));
        }

        var names = await services.Store.PeopleIndex.MenteeNamesAsync(rows.Select(r => r.Match.ReferralId), cancellationToken);
        rows = [.. rows.Select(r => r with { Name = names.GetValueOrDefault(r.Match.ReferralId) })];

        return new Dictionary<string, object?>
        {
            [nameof(Mentor)] = mentor,
            [nameof(SchemeName)] = scheme?.Name ?? mentor.SchemeId,
            [nameof(Today)] = today,
            [nameof(Matches)] = (IReadOnlyList<MatchRow>)[.. rows.OrderByDescending(r => r.Current).ThenByDescending(r => r.Match.ProposedAt)],
            [nameof(Issues)] = MentorCompliance.Issues(mentor, cadence, today),
            [nameof(SupervisionCadenceDays)] = cadence,
            [nameof(Log)] = await log.ListAsync(mentor.Id, cancellationToken),
            [nameof(LogInput)] = input,
        };
    }

    public sealed record MatchRow(Match Match, string Reference)
    {
        /// <summary>The family's person, as staff know them.</summary>
        public string? Name { get; init; }

        public bool Current => Match.Status is MatchStatus.Proposed or MatchStatus.Active;
    }
}

/// <summary>What the log form posts; the day as typed, so a day that does not parse is said so rather than taken as today.</summary>
public sealed class MentorLogInput
{
    public string? Kind { get; set; }

    public string? On { get; set; }

    public string? Who { get; set; }

    public string? Note { get; set; }
}

using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations;

namespace PeerFlow.Functions.Api;

/// <summary>
/// What coordinators record on a referral. Each action validates, stores the details in the records, then tells the
/// workflow with an event that carries ids and codes only.
/// </summary>
public static class ReferralActionsApi
{
    public static IEndpointRouteBuilder MapReferralActionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/referrals/{id}").WithTags("Referral actions").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/contact", ContactAsync);
        api.MapPost("/assessment", AssessAsync);
        api.MapGet("/shortlist", ShortlistAsync);
        api.MapPost("/matches", ProposeAsync);
        api.MapPost("/matches/{matchId}/answer", AnswerAsync);
        api.MapPost("/checkins", CheckInAsync);
        api.MapPost("/breakdown", BreakdownAsync);
        api.MapPost("/safeguarding", SafeguardingAsync);
        api.MapPost("/closure", CloseAsync);
        api.MapPost("/feedback", FeedbackAsync);
        return app;
    }

    public static async Task<IResult> ContactAsync(string id, ContactRequest? body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var at = body?.At?.ToUniversalTime() ?? services.Now;
        if (at > services.Now.AddMinutes(5))
        {
            return ValidationResults.Field("at", "First contact cannot be in the future.");
        }

        var updated = await services.Store.Referrals.UpdateAsync(id, "", r => r with { FirstContactAt = r.FirstContactAt ?? at }, MatchProposals.ReferralColumns, cancellationToken);
        if (updated is null)
        {
            return NotFound();
        }

        await TimelineAsync(services, id, "contact", "First contact made", cancellationToken);
        await Audit.RecordAsync(services, id, "recorded first contact", cancellationToken);
        return Results.NoContent();
    }

    public static async Task<IResult> AssessAsync(string id, AssessmentRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var validation = await new AssessmentRequestValidator(services.Time).ValidateAsync(body, cancellationToken);
        if (!validation.IsValid)
        {
            return ValidationResults.Problem(validation);
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Stage != ReferralStage.Assessment)
        {
            return Conflict($"The referral is at {referral.Stage}, not awaiting assessment.");
        }

        var outcome = Enum.Parse<AssessmentOutcome>(body.Outcome!, true);
        await services.Store.Referrals.UpdateAsync(id, "", r => r with
        {
            Outcome = outcome,
            AssessedAt = services.Now,
            FirstContactAt = r.FirstContactAt ?? services.Now,
            RecontactOn = body.RecontactOn,
            SignpostedTo = body.SignpostedTo,
            Profile = body.Profile ?? r.Profile,
        }, MatchProposals.ReferralColumns, cancellationToken);
        await TimelineAsync(services, id, "assessment", $"Assessment recorded: {outcome}", cancellationToken);
        await Audit.RecordAsync(services, id, "recorded assessment", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.AssessmentRecorded, new Signal { Outcome = outcome.ToString(), RecontactOn = body.RecontactOn }, cancellationToken: cancellationToken);
        return Results.Accepted($"/api/referrals/{id}");
    }

    public static async Task<IResult> ShortlistAsync(string id, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return NotFound();
        }

        await Audit.RecordAsync(services, id, "viewed shortlist", cancellationToken);
        return Results.Ok(await services.Proposals.ShortlistAsync(id, cancellationToken));
    }

    public static async Task<IResult> ProposeAsync(string id, ProposalRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.MentorId))
        {
            return ValidationResults.Field("mentorId", "Choose a mentor.");
        }

        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return NotFound();
        }

        var (result, match) = await services.Proposals.ProposeAsync(id, body.MentorId, string.IsNullOrWhiteSpace(body.CapacityOverrideReason) ? null : body.CapacityOverrideReason, cancellationToken);
        switch (result)
        {
            case ProposalResult.AtCapacity:
                return Conflict("The mentor is at capacity. Give a reason to propose them anyway.");
            case ProposalResult.MentorUnavailable:
                return Conflict("That mentor cannot be proposed: inactive, in another scheme, or previously paired with this family.");
            case ProposalResult.ReferralNotMatching:
                return Conflict("The referral is not waiting for a match.");
            case ProposalResult.AlreadyProposed:
                return Conflict("A proposal is already waiting for a mentor's answer.");
        }

        await Audit.RecordAsync(services, id, "proposed a match", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.MatchProposed, new Signal { MatchId = match!.Id }, cancellationToken: cancellationToken);
        return Results.Created($"/api/referrals/{id}", match);
    }

    /// <summary>A coordinator recording the mentor's answer given by phone; mentors themselves answer through their signed link.</summary>
    public static async Task<IResult> AnswerAsync(string id, string matchId, ProposalAnswer body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var match = (await services.Store.Matches.GetAsync(id, matchId, cancellationToken))?.Value;
        if (match is null)
        {
            return NotFound();
        }

        if (match.Status != MatchStatus.Proposed)
        {
            return Conflict($"The proposal is already {match.Status}.");
        }

        await Audit.RecordAsync(services, id, body.Accepted ? "recorded acceptance" : "recorded decline", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.MatchResponse, new Signal { MatchId = matchId, Accepted = body.Accepted }, cancellationToken: cancellationToken);
        return Results.Accepted($"/api/referrals/{id}");
    }

    public static async Task<IResult> CheckInAsync(string id, CheckInRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var validation = await new CheckInRequestValidator().ValidateAsync(body, cancellationToken);
        if (!validation.IsValid)
        {
            return ValidationResults.Problem(validation);
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Stage != ReferralStage.Active || referral.CurrentMatchId is null)
        {
            return Conflict("Check-ins are logged for active matches.");
        }

        var checkIn = await CheckIns.StoreAsync(services, referral, body, cancellationToken);
        await Audit.RecordAsync(services, id, "logged a check-in", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = checkIn.Id, Met = body.Met }, cancellationToken: cancellationToken);
        return Results.Created($"/api/referrals/{id}", checkIn);
    }

    public static async Task<IResult> BreakdownAsync(string id, ReasonRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Stage != ReferralStage.Active)
        {
            return Conflict("Only an active match can break down.");
        }

        await TimelineAsync(services, id, "breakdown", "Match breakdown reported", cancellationToken);
        await Audit.RecordAsync(services, id, "reported a breakdown", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.BreakdownReported, new Signal { Reason = Code(body.Reason) ?? "breakdown" }, cancellationToken: cancellationToken);
        return Results.Accepted($"/api/referrals/{id}");
    }

    /// <summary>Stored apart from everything else; the alert says only that there is a concern and where to look.</summary>
    public static async Task<IResult> SafeguardingAsync(string id, SafeguardingRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Details))
        {
            return ValidationResults.Field("details", "Describe the concern.");
        }

        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return NotFound();
        }

        await services.Store.Referrals.UpdateAsync(id, "", r => r with { SafeguardingConcerns = r.SafeguardingConcerns + 1 }, MatchProposals.ReferralColumns, cancellationToken);
        await services.Store.Concerns.TryInsertAsync(id, PeerFlowStore.Key(services.Now), new SafeguardingConcern(id, services.Now, body.RaisedBy ?? services.Staff.Name, body.Details.Trim()), null, cancellationToken);
        await TimelineAsync(services, id, "safeguarding", "Safeguarding concern raised", cancellationToken);
        await Audit.RecordAsync(services, id, "raised a safeguarding concern", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.SafeguardingConcern, new Signal(), cancellationToken: cancellationToken);
        return Results.Accepted($"/api/referrals/{id}");
    }

    public static async Task<IResult> CloseAsync(string id, ReasonRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return NotFound();
        }

        if (referral.Stage is ReferralStage.Closing or ReferralStage.Closed)
        {
            return Conflict("The referral is already closing or closed.");
        }

        await Audit.RecordAsync(services, id, "requested closure", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = Code(body.Reason) ?? "planned-end" }, cancellationToken: cancellationToken);
        return Results.Accepted($"/api/referrals/{id}");
    }

    public static async Task<IResult> FeedbackAsync(string id, FeedbackRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var validation = await new FeedbackRequestValidator().ValidateAsync(body, cancellationToken);
        if (!validation.IsValid)
        {
            return ValidationResults.Problem(validation);
        }

        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return NotFound();
        }

        await services.Store.Feedback.UpsertAsync(id, body.From!, new Feedback { ReferralId = id, From = body.From!, At = services.Now, Helpfulness = body.Helpfulness, Comments = body.Comments }, null, cancellationToken);
        await TimelineAsync(services, id, "feedback", $"Feedback received from the {body.From}", cancellationToken);
        await services.Workflows.RaiseEventAsync(id, LifecycleEvents.FeedbackSubmitted, new Signal { From = body.From }, cancellationToken: cancellationToken);
        return Results.Accepted($"/api/referrals/{id}");
    }

    internal static Task TimelineAsync(ApiServices services, string id, string kind, string text, CancellationToken cancellationToken) =>
        services.Store.Timeline.TryInsertAsync(id, PeerFlowStore.Key(services.Now) + "-" + Guid.NewGuid().ToString("N")[..6], new TimelineEntry(id, services.Now, kind, text), null, cancellationToken);

    /// <summary>Reasons travel to the workflow as short codes, never free text.</summary>
    private static string? Code(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? null : new string([.. reason.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').Take(40)]);

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral or match");

    private static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
}

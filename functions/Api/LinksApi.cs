using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Notices;

namespace PeerFlow.Functions.Api;

/// <summary>Feedback as a mentor or mentee gives it through their link: the link says who they are.</summary>
public sealed record LinkFeedback(int Helpfulness, string? Comments);

/// <summary>
/// What mentors and mentees do through the signed, expiring, single-use links in their emails, without an account.
/// A link is only used up once what it carries has been validated, so a mistake on the form does not burn it.
/// </summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/links/{action}/{token}").WithTags("Links").ProducesValidationProblem().DisableAntiforgery();
        api.MapGet("/", PeekAsync);
        api.MapPost("/", UseAsync);
        return app;
    }

    public static async Task<IResult> PeekAsync(string action, string token, SignedLinks links, CancellationToken cancellationToken)
    {
        if (PublicUrls.FromSlug(action) is not { } expected)
        {
            return Refused(LinkOutcome.Invalid);
        }

        var link = await links.PeekAsync(token, expected, cancellationToken);
        return link.IsValid ? Results.Ok(new { action, link.ExpiresAt }) : Refused(link.Outcome);
    }

    public static async Task<IResult> UseAsync(string action, string token, HttpRequest request, SignedLinks links, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (PublicUrls.FromSlug(action) is not { } expected)
        {
            return Refused(LinkOutcome.Invalid);
        }

        var link = await links.PeekAsync(token, expected, cancellationToken);
        if (!link.IsValid)
        {
            return Refused(link.Outcome);
        }

        var referral = (await services.Store.Referrals.GetAsync(link.ReferralId!, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return Refused(LinkOutcome.Invalid);
        }

        CheckInRequest? checkIn = null;
        LinkFeedback? feedback = null;
        if (expected == LinkAction.LogCheckIn)
        {
            checkIn = await request.ReadFromJsonAsync<CheckInRequest>(cancellationToken) ?? new CheckInRequest(null, false, null);
            var result = await new CheckInRequestValidator().ValidateAsync(checkIn, cancellationToken);
            if (!result.IsValid)
            {
                return ValidationResults.Problem(result);
            }

            if (referral.Stage != ReferralStage.Active || referral.CurrentMatchId != link.SubjectId)
            {
                return Results.Problem("This match is no longer active, so there is nothing to check in on.", statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
            }
        }
        else if (expected is LinkAction.MentorFeedback or LinkAction.MenteeFeedback)
        {
            feedback = await request.ReadFromJsonAsync<LinkFeedback>(cancellationToken) ?? new LinkFeedback(0, null);
            var result = await new FeedbackRequestValidator().ValidateAsync(new FeedbackRequest(link.SubjectId, feedback.Helpfulness, feedback.Comments), cancellationToken);
            if (!result.IsValid)
            {
                return ValidationResults.Problem(result);
            }
        }

        if (expected is LinkAction.AcceptMatch or LinkAction.DeclineMatch
            && (await services.Store.Matches.GetAsync(referral.Id, link.SubjectId!, cancellationToken))?.Value.Status != MatchStatus.Proposed)
        {
            return Results.Problem("This proposal has already been answered, or is no longer open.", statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
        }

        var used = await links.ConsumeAsync(token, expected, cancellationToken);
        if (!used.IsValid)
        {
            return Refused(used.Outcome);
        }

        switch (expected)
        {
            case LinkAction.AcceptMatch or LinkAction.DeclineMatch:
                await services.Workflows.RaiseEventAsync(referral.Id, LifecycleEvents.MatchResponse, new Signal { MatchId = link.SubjectId, Accepted = expected == LinkAction.AcceptMatch }, cancellationToken: cancellationToken);
                await ReferralActionsApi.TimelineAsync(services, referral.Id, "answer", expected == LinkAction.AcceptMatch ? "Mentor accepted the match" : "Mentor declined the match", cancellationToken);
                break;
            case LinkAction.LogCheckIn:
                var stored = await CheckIns.StoreAsync(services, referral, checkIn!, cancellationToken);
                await services.Workflows.RaiseEventAsync(referral.Id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = stored.Id, Met = checkIn!.Met }, cancellationToken: cancellationToken);
                break;
            default:
                var from = link.SubjectId!;
                await services.Store.Feedback.UpsertAsync(referral.Id, from, new Feedback { ReferralId = referral.Id, From = from, At = services.Now, Helpfulness = feedback!.Helpfulness, Comments = feedback.Comments }, null, cancellationToken);
                await ReferralActionsApi.TimelineAsync(services, referral.Id, "feedback", $"Feedback received from the {from}", cancellationToken);
                await services.Workflows.RaiseEventAsync(referral.Id, LifecycleEvents.FeedbackSubmitted, new Signal { From = from }, cancellationToken: cancellationToken);
                break;
        }

        return Results.Accepted();
    }

    private static IResult Refused(LinkOutcome outcome) => outcome switch
    {
        LinkOutcome.Expired => Results.Problem("This link has expired. Please contact your coordinator.", statusCode: StatusCodes.Status410Gone, title: "Link expired"),
        LinkOutcome.AlreadyUsed => Results.Problem("This link has already been used. Thank you.", statusCode: StatusCodes.Status409Conflict, title: "Link already used"),
        _ => Results.Problem("This link is not valid. Please check you copied all of it.", statusCode: StatusCodes.Status404NotFound, title: "Link not valid"),
    };
}

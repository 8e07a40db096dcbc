using PeerFlow.Functions.Actions;

namespace PeerFlow.Functions.Api;

/// <summary>What coordinators record on a referral, over HTTP; <see cref="ReferralActions"/> does the work.</summary>
public static class ReferralActionsApi
{
    public static IEndpointRouteBuilder MapReferralActionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/referrals/{id}").WithTags("Referral actions").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/contact", async (string id, ContactRequest? body, ReferralActions actions, CancellationToken ct) =>
            (await actions.ContactAsync(id, body, ct)).ToResult());
        api.MapPost("/assessment", async (string id, AssessmentRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.AssessAsync(id, body, ct)).ToResult(_ => Accepted(id)));
        api.MapPost("/recontact", async (string id, ReferralActions actions, CancellationToken ct) =>
            (await actions.RecontactAsync(id, ct)).ToResult(_ => Accepted(id)));
        api.MapPost("/first-meeting", async (string id, ReferralActions actions, CancellationToken ct) =>
            (await actions.FirstMeetingAsync(id, ct)).ToResult(_ => Accepted(id)));
        api.MapGet("/shortlist", async (string id, ReferralActions actions, CancellationToken ct) =>
            (await actions.ShortlistAsync(id, ct)).ToResult(Results.Ok));
        api.MapPost("/matches", async (string id, ProposalRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.ProposeAsync(id, body, ct)).ToResult(match => Results.Created($"/api/referrals/{id}", match)));
        api.MapPost("/matches/{matchId}/answer", async (string id, string matchId, ProposalAnswer body, ReferralActions actions, CancellationToken ct) =>
            (await actions.AnswerAsync(id, matchId, body, ct)).ToResult(_ => Accepted(id)));
        api.MapPost("/checkins", async (string id, CheckInRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.CheckInAsync(id, body, ct)).ToResult(checkIn => Results.Created($"/api/referrals/{id}", checkIn)));
        api.MapPost("/breakdown", async (string id, ReasonRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.BreakdownAsync(id, body, ct)).ToResult(_ => Accepted(id)));
        api.MapPost("/safeguarding", async (string id, SafeguardingRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.SafeguardingAsync(id, body, ct)).ToResult(_ => Accepted(id)));
        api.MapPost("/closure", async (string id, ReasonRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.CloseAsync(id, body, ct)).ToResult(_ => Accepted(id)));
        api.MapPost("/feedback", async (string id, FeedbackRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.FeedbackAsync(id, body, ct)).ToResult(_ => Accepted(id)));
        return app;
    }

    private static IResult Accepted(string id) => Results.Accepted($"/api/referrals/{id}");
}

using PeerFlow.Web.Actions;

using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>What coordinators record on a referral, over HTTP; <see cref="ReferralActions"/> does the work.</summary>
public static class ReferralActionsApi
{
    private const string Base = "/api/referrals/{id}";

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        Action("RecordContact", "POST", "/contact", async (string id, ContactRequest? body, ReferralActions actions, CancellationToken ct) =>
            (await actions.ContactAsync(id, body, ct)).ToResult()),
        Action("RecordAssessment", "POST", "/assessment", async (string id, AssessmentRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.AssessAsync(id, body, ct)).ToResult(_ => Accepted(id))),
        Action("Recontact", "POST", "/recontact", async (string id, ReferralActions actions, CancellationToken ct) =>
            (await actions.RecontactAsync(id, ct)).ToResult(_ => Accepted(id))),
        Action("RecordFirstMeeting", "POST", "/first-meeting", async (string id, ReferralActions actions, CancellationToken ct) =>
            (await actions.FirstMeetingAsync(id, ct)).ToResult(_ => Accepted(id))),
        Action("GetShortlist", "GET", "/shortlist", async (string id, ReferralActions actions, CancellationToken ct) =>
            (await actions.ShortlistAsync(id, ct)).ToResult(Results.Ok)),
        Action("ProposeMatch", "POST", "/matches", async (string id, ProposalRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.ProposeAsync(id, body, ct)).ToResult(match => Results.Created($"/api/referrals/{id}", match))),
        Action("AnswerProposal", "POST", "/matches/{matchId}/answer", async (string id, string matchId, ProposalAnswer body, ReferralActions actions, CancellationToken ct) =>
            (await actions.AnswerAsync(id, matchId, body, ct)).ToResult(_ => Accepted(id))),
        Action("RecordCheckIn", "POST", "/checkins", async (string id, CheckInRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.CheckInAsync(id, body, ct)).ToResult(checkIn => Results.Created($"/api/referrals/{id}", checkIn))),
        Action("RecordMatchBreakdown", "POST", "/breakdown", async (string id, ReasonRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.BreakdownAsync(id, body, ct)).ToResult(_ => Accepted(id))),
        Action("RaiseSafeguarding", "POST", "/safeguarding", async (string id, SafeguardingRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.SafeguardingAsync(id, body, ct)).ToResult(_ => Accepted(id))),
        Action("RecordClosure", "POST", "/closure", async (string id, ReasonRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.CloseAsync(id, body, ct)).ToResult(_ => Accepted(id))),
        Action("RecordFeedback", "POST", "/feedback", async (string id, FeedbackRequest body, ReferralActions actions, CancellationToken ct) =>
            (await actions.FeedbackAsync(id, body, ct)).ToResult(_ => Accepted(id))),
    ];

    private static WebEndpoint Action(string name, string method, string path, Delegate handler) => new(name, method, Base + path, handler, Audience.Staff)
    {
        Describe = b => b.WithTags("Referral actions").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound),
    };

    private static IResult Accepted(string id) => Results.Accepted($"/api/referrals/{id}");
}

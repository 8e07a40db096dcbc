using Microsoft.AspNetCore.Mvc;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Actions;

using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Referral intake and the referral read model.</summary>
public static class ReferralsApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("SubmitReferral", "POST", "/api/referrals", SubmitAsync, Audience.Public)
        {
            Describe = b => b.WithTags("Referrals").Accepts<ReferralSubmission>("application/json")
                .Produces<ReferralAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType),
        },
        new("ListReferrals", "GET", "/api/referrals", ListAsync, Audience.Staff) { Describe = b => b.WithTags("Referrals") },
        new("EraseReferral", "DELETE", "/api/referrals/{id}", async (string id, string? confirm, Erasure erasure, CancellationToken ct) => (await erasure.EraseAsync(id, confirm, ct)).ToResult(), Audience.Managers)
        {
            Describe = b => b.WithTags("Referrals").WithSummary("Erases the referral: its workflow and every record about it. Confirm with ?confirm={reference}."),
        },
        new("ExportReferral", "GET", "/api/referrals/{id}/export", ExportAsync, Audience.Managers)
        {
            Describe = b => b.WithTags("Referrals").WithSummary("Everything PeerFlow holds on the referral's person (subject access), kind by kind, with the audit trail.")
                .Produces<SubjectAccessExport>().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("GetReferral", "GET", "/api/referrals/{id}", GetAsync, Audience.Staff)
        {
            Describe = b => b.WithTags("Referrals").Produces<ReferralView>().ProducesProblem(StatusCodes.Status404NotFound),
        },
    ];

    /// <summary>
    /// Stores the referral, starts its workflow and answers 202 with a reference and where to follow it. JSON only: a
    /// browser can send a form post to any site without asking (and without an antiforgery token here), but not a
    /// JSON body, so another site's page cannot post referrals through a visitor's browser. People use /refer.
    /// </summary>
    public static async Task<IResult> SubmitAsync(HttpRequest request, Submissions submissions, CancellationToken cancellationToken)
    {
        var (submission, problem) = await JsonBody.ReadAsync<ReferralSubmission>(request, "referral", cancellationToken);
        if (submission is null)
        {
            return problem!;
        }

        var outcome = await submissions.SubmitAsync(submission, request.Headers["Idempotency-Key"].ToString(), cancellationToken);
        return outcome.ToResult(stored =>
        {
            var referral = (Referral)stored!;
            var url = $"/api/referrals/{referral.Id}";
            return Results.Accepted(url, new ReferralAccepted(referral.Id, referral.Reference, url));
        });
    }

    public static async Task<IResult> GetAsync(string id, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var view = await ReferralView.LoadAsync(id, services, cancellationToken);
        if (view is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral");
        }

        await Audit.RecordAsync(services, id, "viewed referral", cancellationToken);
        return Results.Ok(view);
    }

    public static async Task<IResult> ExportAsync(string id, SubjectAccess access, CancellationToken cancellationToken) =>
        await access.ExportAsync(id, cancellationToken) is { } export
            ? Results.Json(export, SubjectAccess.Json)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral");

    public static async Task<IResult> ListAsync(string? scheme, string? stage, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (!string.IsNullOrEmpty(scheme))
        {
            filters.Add($"SchemeId eq '{scheme.Replace("'", "''", StringComparison.Ordinal)}'");
        }

        if (Enum.TryParse<ReferralStage>(stage, true, out var parsed))
        {
            filters.Add($"Stage eq '{parsed}'");
        }

        var rows = await services.Store.Referrals.QueryAsync(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken);
        return Results.Ok(rows.Select(r => r.Value).OrderByDescending(r => r.ReceivedAt).Select(r => new
        {
            r.Id, r.Reference, r.SchemeId, Stage = r.Stage.ToString(), r.Urgent, r.ReceivedAt, r.AssessmentDueAt, r.MentorId,
        }));
    }
}

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
        new("ListReferrals", "GET", "/api/referrals", ListAsync, Audience.Staff)
        {
            Describe = b => b.WithTags("Referrals").WithSummary("A page of referrals: open ones, or closed ones with ?stage=closed; ?pageSize= and ?continuation= (the last page's next).")
                .Produces<ReferralList>().ProducesValidationProblem(),
        },
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

    /// <summary>
    /// A page of referrals: open ones (every stage but closed) unless <c>stage=closed</c>. <c>pageSize</c> 1 to
    /// <see cref="ReferralListing.MaxPageSize"/> (default <see cref="ReferralListing.DefaultPageSize"/>); <c>continuation</c>
    /// is the <c>next</c> of the page before. <c>total</c> is given for open referrals, where it is cheap.
    /// </summary>
    public static async Task<IResult> ListAsync(
        string? scheme, string? stage, string? pageSize, string? continuation, ReferralListing listing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ReferralStage? parsed = null;
        if (!string.IsNullOrEmpty(stage))
        {
            if (Enum.TryParse<ReferralStage>(stage, true, out var known) && Enum.IsDefined(known) && !stage.Any(char.IsDigit))
            {
                parsed = known;
            }
            else
            {
                errors["stage"] = [$"Not a stage; one of {string.Join(", ", Enum.GetNames<ReferralStage>().Select(n => n.ToLowerInvariant()))}."];
            }
        }

        var size = ReferralListing.DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize)
            && (!int.TryParse(pageSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size < 1 || size > ReferralListing.MaxPageSize))
        {
            errors["pageSize"] = [$"A whole number from 1 to {ReferralListing.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var page = await listing.PageAsync(scheme, parsed, ListOrder.NewestFirst, size, continuation, null, cancellationToken);
        if (page is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["continuation"] = ["Not a token this list gave; start again without it."] });
        }

        return Results.Ok(new ReferralList(
            [.. page.Rows.Select(r => new ReferralSummary(r.Id, r.Reference, r.SchemeId, r.Stage.ToString(), r.Urgent, r.ReceivedAt, r.AssessmentDueAt, r.MentorId))],
            page.Next,
            page.Total));
    }
}

/// <summary>A page of referrals; <c>next</c> is the continuation of the next page (absent on the last), <c>total</c> when cheap.</summary>
public sealed record ReferralList(IReadOnlyList<ReferralSummary> Items, string? Next, int? Total);

/// <summary>A referral as lists show it.</summary>
public sealed record ReferralSummary(
    string Id, string Reference, string SchemeId, string Stage, bool Urgent, DateTime ReceivedAt, DateTime? AssessmentDueAt, string? MentorId);

using PeerFlow.Domain.Records;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Finding people, the contact log and revised needs, over HTTP; <see cref="PeopleSearch"/> and <see cref="CaseLog"/> do the work.</summary>
public static class CaseworkApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        // A POST with the words in its body, not a GET: a query string of names and phone numbers would be kept in
        // request logs, telemetry and browser history.
        new("SearchReferrals", "POST", "/api/referrals/search", async (SearchRequest body, PeopleSearch search, CancellationToken ct) =>
            (await search.SearchAsync(body.Query, ct)).ToResult(Results.Ok), Audience.Staff)
        {
            Describe = b => b.WithTags("Referrals").WithSummary("Finds referrals by the referred person's name, email, phone or postcode district, in the schemes the caller works in.")
                .Produces<SearchResults>().ProducesValidationProblem(),
        },
        new("LogContact", "POST", "/api/referrals/{id}/contacts", async (string id, ContactLogRequest body, CaseLog log, CancellationToken ct) =>
            (await log.LogContactAsync(id, body, ct)).ToResult(note => Results.Created($"/api/referrals/{id}/contacts", note)), Audience.Staff)
        {
            Describe = b => b.WithTags("Referral actions").WithSummary("Logs a contact (phone, visit, message, email, meeting) that happened at a past time: ISO 8601 with an offset, or UK local time.")
                .Produces<CaseNote>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("ListContacts", "GET", "/api/referrals/{id}/contacts", ListAsync, Audience.Staff)
        {
            Describe = b => b.WithTags("Referrals").WithSummary("The referral's contact log and coordinators' notes, newest first.")
                .Produces<IReadOnlyList<CaseNote>>().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("MarkMenteeMessageRead", "POST", "/api/referrals/{id}/contacts/{noteId}/read", async (string id, string noteId, CaseLog log, CancellationToken ct) =>
            (await log.MarkMenteeMessageReadAsync(id, noteId, ct)).ToResult(Results.Ok), Audience.Staff)
        {
            Describe = b => b.WithTags("Referral actions").WithSummary("Marks a message from the mentee (a worry, or a request for another mentor) read: it leaves the dashboard. Marking it again changes nothing.")
                .Produces<CaseNote>().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("ReviseNeeds", "PUT", "/api/referrals/{id}/needs", async (string id, NeedsRequest body, CaseLog log, CancellationToken ct) =>
            (await log.ReviseNeedsAsync(id, body, ct)).ToResult(Results.Ok), Audience.Staff)
        {
            Describe = b => b.WithTags("Referral actions").WithSummary("Revises the needs gathered at assessment; the next shortlist is drawn from them.")
                .Produces<MatchingProfile>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
        new("ListConcerns", "GET", "/api/referrals/{id}/concerns", ListConcernsAsync, Audience.Staff)
        {
            Describe = b => b.WithTags("Referrals").WithSummary("The referral's safeguarding concerns, open ones first, with their actions and outcomes.")
                .Produces<IReadOnlyList<SafeguardingConcern>>().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("RecordConcernAction", "POST", "/api/referrals/{id}/concerns/{concernId}/actions", async (string id, string concernId, ConcernActionRequest body, ConcernActions concerns, CancellationToken ct) =>
            (await concerns.RecordActionAsync(id, concernId, body, ct)).ToResult(Results.Ok), Audience.Staff)
        {
            Describe = b => b.WithTags("Referral actions").WithSummary("Records what was done about a safeguarding concern, and optionally who owns it now.")
                .Produces<SafeguardingConcern>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
        new("CloseConcern", "POST", "/api/referrals/{id}/concerns/{concernId}/closure", async (string id, string concernId, ConcernClosureRequest body, ConcernActions concerns, CancellationToken ct) =>
            (await concerns.CloseAsync(id, concernId, body, ct)).ToResult(Results.Ok), Audience.Managers)
        {
            Describe = b => b.WithTags("Referral actions").WithSummary("A manager closes a safeguarding concern with its outcome.")
                .Produces<SafeguardingConcern>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
    ];

    private static async Task<IResult> ListConcernsAsync(string id, ConcernActions concerns, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral");
        }

        await Audit.RecordAsync(services, id, "viewed safeguarding concerns", cancellationToken);
        return Results.Ok(await concerns.ListAsync(id, cancellationToken));
    }

    private static async Task<IResult> ListAsync(string id, CaseLog log, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        if (await services.Store.Referrals.GetAsync(id, "", cancellationToken) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such referral");
        }

        await Audit.RecordAsync(services, id, "viewed the contact log", cancellationToken);
        return Results.Ok(await log.ListAsync(id, cancellationToken));
    }
}

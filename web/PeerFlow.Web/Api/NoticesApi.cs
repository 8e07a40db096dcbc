using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Notices that could not be delivered, and what staff do about them.</summary>
public static class NoticesApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ListUndeliveredNotices", "GET", "/api/notices/undelivered", async (string? scheme, NoticeActions notices, CancellationToken ct) =>
            Results.Ok(await notices.UndeliveredAsync(scheme, ct)), Audience.Staff)
        {
            Describe = b => b.WithTags("Notices").Produces<IReadOnlyList<UndeliveredNotice>>(),
        },
        new("RetryNotice", "POST", "/api/referrals/{id}/notices/{key}/retry", async (string id, string key, NoticeActions notices, CancellationToken ct) =>
            (await notices.RetryAsync(id, key, ct)).ToResult(_ => Results.Accepted($"/api/referrals/{id}")), Audience.Staff)
        {
            Describe = b => b.WithTags("Notices").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
        new("MarkNoticeHandled", "POST", "/api/referrals/{id}/notices/{key}/handled", async (string id, string key, NoticeActions notices, CancellationToken ct) =>
            (await notices.MarkHandledAsync(id, key, ct)).ToResult(_ => Results.NoContent()), Audience.Staff)
        {
            Describe = b => b.WithTags("Notices").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
    ];
}

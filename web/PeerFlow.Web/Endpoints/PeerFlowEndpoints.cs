using PeerFlow.Web.Api;
using PeerFlow.Web.Pages;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Endpoints;

/// <summary>Every endpoint PeerFlow serves, in both hosts. A test holds the Functions app's functions to this list.</summary>
public static class PeerFlowEndpoints
{
    public static IReadOnlyList<WebEndpoint> All { get; } =
    [
        new("Health", "GET", "/healthz", Hosting.HealthCheck.AnswerAsync, Audience.Public)
        {
            Describe = b => b.WithTags("Health").Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status503ServiceUnavailable),
        },
        new("Stylesheet", "GET", Stylesheet.Path, (HttpContext http, Stylesheet css) => css.Serve(http), Audience.Public) { Describe = b => b.ExcludeFromDescription() },
        new("OpenApiDocument", "GET", OpenApiDocument.Path, OpenApiDocument.Serve, Audience.Staff) { Describe = b => b.ExcludeFromDescription() },
        .. HomePage.Endpoints,
        .. StatusPage.Endpoints,
        .. DashboardPages.Endpoints,
        .. Pages.Referrals.ReferralPages.Endpoints,
        .. Pages.Mentors.MentorPages.Endpoints,
        .. Pages.Refer.ReferPages.Endpoints,
        .. Pages.Links.LinkPages.Endpoints,
        .. Pages.Reports.ReportPages.Endpoints,
        .. Pages.Matching.MatchOverridesPage.Endpoints,
        .. ReferralsApi.Endpoints,
        .. ReferralActionsApi.Endpoints,
        .. CaseworkApi.Endpoints,
        .. MentorsApi.Endpoints,
        .. MatchingApi.Endpoints,
        .. AlertsApi.Endpoints,
        .. LinksApi.Endpoints,
        .. NoticesApi.Endpoints,
        .. SchemesApi.Endpoints,
        .. Pages.Schemes.SchemeNoticesPage.Endpoints,
        .. ReportsApi.Endpoints,
        .. WorkflowsApi.Endpoints,
    ];

    public static WebEndpoint Named(string name) => All.Single(e => e.Name == name);
}

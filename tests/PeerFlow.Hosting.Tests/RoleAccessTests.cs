using System.Net;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// Who may call what, endpoint by endpoint: the audience each endpoint must have (written out here by hand, so that
/// a change to the table is a change to this test too), and what each role gets from each endpoint over HTTP.
/// </summary>
public sealed class RoleAccessTests(RoleAccessTests.App app) : IClassFixture<RoleAccessTests.App>
{
    private static readonly Dictionary<string, Audience> Expected = new()
    {
        ["Health"] = Audience.Public,
        ["Stylesheet"] = Audience.Public,
        ["OpenApiDocument"] = Audience.Staff,
        ["HomePage"] = Audience.Public,
        ["StatusPage"] = Audience.Public,
        ["DashboardPage"] = Audience.Staff,
        ["ReferralListPage"] = Audience.Staff,
        ["FindReferralPage"] = Audience.Staff,
        ["SearchPage"] = Audience.Staff,
        ["SearchPost"] = Audience.Staff,
        ["ReferralPage"] = Audience.Staff,
        ["ReferralPagePost"] = Audience.Staff,
        ["EraseReferralPost"] = Audience.Managers,
        ["ExportReferralPage"] = Audience.Managers,
        ["RestartWorkflowPost"] = Audience.Managers,
        ["MentorListPage"] = Audience.Staff,
        ["NewMentorPage"] = Audience.Staff,
        ["NewMentorPost"] = Audience.Staff,
        ["MentorProfilePage"] = Audience.Staff,
        ["EditMentorPage"] = Audience.Staff,
        ["EditMentorPost"] = Audience.Staff,
        ["MentorLogPost"] = Audience.Staff,
        ["MatchOverridesPage"] = Audience.Managers,
        ["SchemeNoticesPage"] = Audience.Staff,
        ["SchemeNoticesPost"] = Audience.Staff,
        ["SubmitReferral"] = Audience.Public,
        ["ListReferrals"] = Audience.Staff,
        ["EraseReferral"] = Audience.Managers,
        ["ExportReferral"] = Audience.Managers,
        ["GetReferral"] = Audience.Staff,
        ["RecordContact"] = Audience.Staff,
        ["RecordAssessment"] = Audience.Staff,
        ["Recontact"] = Audience.Staff,
        ["RecordFirstMeeting"] = Audience.Staff,
        ["GetShortlist"] = Audience.Staff,
        ["ProposeMatch"] = Audience.Staff,
        ["AnswerProposal"] = Audience.Staff,
        ["RecordCheckIn"] = Audience.Staff,
        ["RecordMatchBreakdown"] = Audience.Staff,
        ["RaiseSafeguarding"] = Audience.Staff,
        ["RecordClosure"] = Audience.Staff,
        ["RecordFeedback"] = Audience.Staff,
        ["SearchReferrals"] = Audience.Staff,
        ["LogContact"] = Audience.Staff,
        ["ListContacts"] = Audience.Staff,
        ["MarkMenteeMessageRead"] = Audience.Staff,
        ["ReviseNeeds"] = Audience.Staff,
        ["ListConcerns"] = Audience.Staff,
        ["RecordConcernAction"] = Audience.Staff,
        ["CloseConcern"] = Audience.Managers,
        ["CloseConcernPost"] = Audience.Managers,
        ["ListMentors"] = Audience.Staff,
        ["CreateMentor"] = Audience.Staff,
        ["UpdateMentor"] = Audience.Staff,
        ["LogMentorSupport"] = Audience.Staff,
        ["ListMentorLog"] = Audience.Staff,
        ["ListMatchOverrides"] = Audience.Managers,
        ["ListAlerts"] = Audience.Staff,
        ["ListUndeliveredNotices"] = Audience.Staff,
        ["RetryNotice"] = Audience.Staff,
        ["MarkNoticeHandled"] = Audience.Staff,
        ["GetSchemeNotices"] = Audience.Staff,
        ["SetSchemeNotices"] = Audience.Staff,
        ["GetReport"] = Audience.Staff,
        ["RestartWorkflow"] = Audience.Managers,
        ["RepairWorkflows"] = Audience.Managers,
        ["RegenerateReport"] = Audience.Managers,
        ["ReferStartPage"] = Audience.Public,
        ["ReferSelfPage"] = Audience.Public,
        ["ReferSelfPost"] = Audience.Public,
        ["ReferProfessionalPage"] = Audience.Public,
        ["ReferProfessionalPost"] = Audience.Public,
        ["ReferReceivedPage"] = Audience.Public,
        ["ReferPrivacyPage"] = Audience.Public,
        ["QueryLinkPage"] = Audience.Public,
        ["QueryLinkPost"] = Audience.Public,
        ["LinkPage"] = Audience.Public,
        ["LinkPost"] = Audience.Public,
        ["LinkDonePage"] = Audience.Public,
        ["ReportsPage"] = Audience.Staff,
        ["ReportMonthPage"] = Audience.Staff,
        ["RegenerateReportPost"] = Audience.Managers,
        ["QueryPeekLink"] = Audience.Public,
        ["QueryUseLink"] = Audience.Public,
        ["PeekLink"] = Audience.Public,
        ["UseLink"] = Audience.Public,
    };

    /// <summary>Who calls: nobody signed in, someone signed in without a PeerFlow role, and each role.</summary>
    public static TheoryData<string> Callers => ["anonymous", "no-role", StaffRoles.Coordinator, StaffRoles.Manager, StaffRoles.Administrator];

    [Fact]
    public void EveryEndpoint_HasTheAudienceItMustHave()
    {
        Assert.Equal(Expected.Keys.Order(), PeerFlowEndpoints.All.Select(e => e.Name).Order());
        foreach (var endpoint in PeerFlowEndpoints.All)
        {
            Assert.True(Expected[endpoint.Name] == endpoint.Audience, $"{endpoint.Name} is for {endpoint.Audience}, not {Expected[endpoint.Name]}");
        }
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EachEndpoint_AnswersEachCaller_AsItsAudienceAllows(string caller)
    {
        using var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (caller != "anonymous")
        {
            http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("someone@example.org", caller == "no-role" ? [] : [caller]));
        }

        var wrong = new List<string>();
        foreach (var endpoint in PeerFlowEndpoints.All)
        {
            var expected = (Expected[endpoint.Name], caller) switch
            {
                (Audience.Public, _) => HttpStatusCode.OK,
                (_, "anonymous") => HttpStatusCode.Unauthorized,
                (_, "no-role") => HttpStatusCode.Forbidden,
                (Audience.Managers, StaffRoles.Coordinator) => HttpStatusCode.Forbidden,
                _ => HttpStatusCode.OK,
            };

            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), RouteSamples.Address(endpoint.Pattern));
            using var response = await http.SendAsync(request);

            // OK stands for "let in": whatever the endpoint then says (404, 400, 415...), it is neither 401 nor 403.
            var got = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? response.StatusCode : HttpStatusCode.OK;
            if (got != expected)
            {
                wrong.Add($"{endpoint.Method} {endpoint.Pattern} as {caller}: {(int)response.StatusCode}, expected {expected}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task ABareClientPrincipalName_IsNotAnIdentity()
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-NAME", "manager@example.org");

        using var response = await http.GetAsync("/api/referrals");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public sealed class App : IDisposable
    {
        private readonly LocalHostApp host = new();

        public HttpClient CreateClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions options) => host.CreateClient(options);

        public HttpClient CreateClient() => host.CreateClient();

        public void Dispose() => host.Dispose();
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Functions.Http;

/// <summary>The staff pages, one function per endpoint of web/'s table.</summary>
public sealed class StaffPageFunctions(EndpointRunner run)
{
    [Function(nameof(DashboardPage))]
    public Task<IActionResult> DashboardPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "dashboard")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(DashboardPage), request, workflows, context);

    [Function(nameof(ReferralListPage))]
    public Task<IActionResult> ReferralListPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "referrals")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferralListPage), request, workflows, context);

    [Function(nameof(SearchPage))]
    public Task<IActionResult> SearchPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "search")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SearchPage), request, workflows, context);

    [Function(nameof(SearchPost))]
    public Task<IActionResult> SearchPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "search")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SearchPost), request, workflows, context);

    [Function(nameof(FindReferralPage))]
    public Task<IActionResult> FindReferralPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "referrals/find")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(FindReferralPage), request, workflows, context);

    [Function(nameof(ReferralPage))]
    public Task<IActionResult> ReferralPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "referrals/{id:regex(^(?!find$))}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferralPage), request, workflows, context);

    [Function(nameof(ReferralPagePost))]
    public Task<IActionResult> ReferralPagePost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{id}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferralPagePost), request, workflows, context);

    [Function(nameof(CloseConcernPost))]
    public Task<IActionResult> CloseConcernPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{id}/concerns/{concernId}/close")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(CloseConcernPost), request, workflows, context);

    [Function(nameof(EraseReferralPost))]
    public Task<IActionResult> EraseReferralPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{id}/erase")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(EraseReferralPost), request, workflows, context);

    [Function(nameof(ExportReferralPage))]
    public Task<IActionResult> ExportReferralPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "referrals/{id}/export")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ExportReferralPage), request, workflows, context);

    [Function(nameof(RestartWorkflowPost))]
    public Task<IActionResult> RestartWorkflowPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "referrals/{id}/restart")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RestartWorkflowPost), request, workflows, context);

    [Function(nameof(MentorListPage))]
    public Task<IActionResult> MentorListPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "mentors")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(MentorListPage), request, workflows, context);

    [Function(nameof(NewMentorPage))]
    public Task<IActionResult> NewMentorPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "mentors/new")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(NewMentorPage), request, workflows, context);

    [Function(nameof(NewMentorPost))]
    public Task<IActionResult> NewMentorPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mentors/new")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(NewMentorPost), request, workflows, context);

    [Function(nameof(MentorProfilePage))]
    public Task<IActionResult> MentorProfilePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "mentors/{id:regex(^(?!new$))}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(MentorProfilePage), request, workflows, context);

    [Function(nameof(EditMentorPage))]
    public Task<IActionResult> EditMentorPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "mentors/{id}/edit")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(EditMentorPage), request, workflows, context);

    [Function(nameof(MatchOverridesPage))]
    public Task<IActionResult> MatchOverridesPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "matching/overrides")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(MatchOverridesPage), request, workflows, context);

    [Function(nameof(SchemeNoticesPage))]
    public Task<IActionResult> SchemeNoticesPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "schemes/{id}/notices")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SchemeNoticesPage), request, workflows, context);

    [Function(nameof(SchemeNoticesPost))]
    public Task<IActionResult> SchemeNoticesPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "schemes/{id}/notices")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SchemeNoticesPost), request, workflows, context);

    [Function(nameof(MentorLogPost))]
    public Task<IActionResult> MentorLogPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mentors/{id}/log")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(MentorLogPost), request, workflows, context);

    [Function(nameof(EditMentorPost))]
    public Task<IActionResult> EditMentorPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mentors/{id}/edit")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(EditMentorPost), request, workflows, context);

    [Function(nameof(ReportsPage))]
    public Task<IActionResult> ReportsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "reports")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReportsPage), request, workflows, context);

    [Function(nameof(ReportMonthPage))]
    public Task<IActionResult> ReportMonthPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "reports/{month}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReportMonthPage), request, workflows, context);

    [Function(nameof(RegenerateReportPost))]
    public Task<IActionResult> RegenerateReportPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{month}/regenerate")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RegenerateReportPost), request, workflows, context);
}

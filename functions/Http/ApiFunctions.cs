using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Functions.Http;

/// <summary>The JSON API, one function per endpoint of web/'s table; each only hands its request to the endpoint.</summary>
public sealed class ApiFunctions(EndpointRunner run)
{
    [Function(nameof(SubmitReferral))]
    public Task<IActionResult> SubmitReferral([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SubmitReferral), request, workflows, context);

    [Function(nameof(ListReferrals))]
    public Task<IActionResult> ListReferrals([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/referrals")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListReferrals), request, workflows, context);

    [Function(nameof(EraseReferral))]
    public Task<IActionResult> EraseReferral([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/referrals/{id}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(EraseReferral), request, workflows, context);

    [Function(nameof(ExportReferral))]
    public Task<IActionResult> ExportReferral([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/referrals/{id}/export")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ExportReferral), request, workflows, context);

    [Function(nameof(GetReferral))]
    public Task<IActionResult> GetReferral([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/referrals/{id}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(GetReferral), request, workflows, context);

    [Function(nameof(RecordContact))]
    public Task<IActionResult> RecordContact([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/contact")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordContact), request, workflows, context);

    [Function(nameof(RecordAssessment))]
    public Task<IActionResult> RecordAssessment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/assessment")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordAssessment), request, workflows, context);

    [Function(nameof(Recontact))]
    public Task<IActionResult> Recontact([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/recontact")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(Recontact), request, workflows, context);

    [Function(nameof(RecordFirstMeeting))]
    public Task<IActionResult> RecordFirstMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/first-meeting")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordFirstMeeting), request, workflows, context);

    [Function(nameof(GetShortlist))]
    public Task<IActionResult> GetShortlist([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/referrals/{id}/shortlist")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(GetShortlist), request, workflows, context);

    [Function(nameof(ProposeMatch))]
    public Task<IActionResult> ProposeMatch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/matches")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ProposeMatch), request, workflows, context);

    [Function(nameof(AnswerProposal))]
    public Task<IActionResult> AnswerProposal([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/matches/{matchId}/answer")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(AnswerProposal), request, workflows, context);

    [Function(nameof(SearchReferrals))]
    public Task<IActionResult> SearchReferrals([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/search")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SearchReferrals), request, workflows, context);

    [Function(nameof(LogContact))]
    public Task<IActionResult> LogContact([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/contacts")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(LogContact), request, workflows, context);

    [Function(nameof(MarkMenteeMessageRead))]
    public Task<IActionResult> MarkMenteeMessageRead([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/contacts/{noteId}/read")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(MarkMenteeMessageRead), request, workflows, context);

    [Function(nameof(ListContacts))]
    public Task<IActionResult> ListContacts([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/referrals/{id}/contacts")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListContacts), request, workflows, context);

    [Function(nameof(ReviseNeeds))]
    public Task<IActionResult> ReviseNeeds([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/referrals/{id}/needs")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReviseNeeds), request, workflows, context);

    [Function(nameof(ListConcerns))]
    public Task<IActionResult> ListConcerns([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/referrals/{id}/concerns")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListConcerns), request, workflows, context);

    [Function(nameof(RecordConcernAction))]
    public Task<IActionResult> RecordConcernAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/concerns/{concernId}/actions")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordConcernAction), request, workflows, context);

    [Function(nameof(CloseConcern))]
    public Task<IActionResult> CloseConcern([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/concerns/{concernId}/closure")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(CloseConcern), request, workflows, context);

    [Function(nameof(RecordCheckIn))]
    public Task<IActionResult> RecordCheckIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/checkins")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordCheckIn), request, workflows, context);

    [Function(nameof(RecordMatchBreakdown))]
    public Task<IActionResult> RecordMatchBreakdown([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/breakdown")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordMatchBreakdown), request, workflows, context);

    [Function(nameof(RaiseSafeguarding))]
    public Task<IActionResult> RaiseSafeguarding([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/safeguarding")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RaiseSafeguarding), request, workflows, context);

    [Function(nameof(RecordClosure))]
    public Task<IActionResult> RecordClosure([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/closure")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordClosure), request, workflows, context);

    [Function(nameof(RecordFeedback))]
    public Task<IActionResult> RecordFeedback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/feedback")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RecordFeedback), request, workflows, context);

    [Function(nameof(ListMentors))]
    public Task<IActionResult> ListMentors([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/mentors")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListMentors), request, workflows, context);

    [Function(nameof(CreateMentor))]
    public Task<IActionResult> CreateMentor([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mentors")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(CreateMentor), request, workflows, context);

    [Function(nameof(ListMatchOverrides))]
    public Task<IActionResult> ListMatchOverrides([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/matching/overrides")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListMatchOverrides), request, workflows, context);

    [Function(nameof(LogMentorSupport))]
    public Task<IActionResult> LogMentorSupport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/mentors/{id}/log")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(LogMentorSupport), request, workflows, context);

    [Function(nameof(ListMentorLog))]
    public Task<IActionResult> ListMentorLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/mentors/{id}/log")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListMentorLog), request, workflows, context);

    [Function(nameof(UpdateMentor))]
    public Task<IActionResult> UpdateMentor([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/mentors/{id}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(UpdateMentor), request, workflows, context);

    [Function(nameof(ListAlerts))]
    public Task<IActionResult> ListAlerts([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/alerts")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListAlerts), request, workflows, context);

    [Function(nameof(GetReport))]
    public Task<IActionResult> GetReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/reports/{scheme}/{month}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(GetReport), request, workflows, context);

    [Function(nameof(RegenerateReport))]
    public Task<IActionResult> RegenerateReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/reports/{scheme}/{month}/regenerate")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RegenerateReport), request, workflows, context);

    [Function(nameof(QueryPeekLink))]
    public Task<IActionResult> QueryPeekLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/links/{action}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(QueryPeekLink), request, workflows, context);

    [Function(nameof(QueryUseLink))]
    public Task<IActionResult> QueryUseLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/links/{action}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(QueryUseLink), request, workflows, context);

    [Function(nameof(PeekLink))]
    public Task<IActionResult> PeekLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/links/{action}/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(PeekLink), request, workflows, context);

    [Function(nameof(UseLink))]
    public Task<IActionResult> UseLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/links/{action}/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(UseLink), request, workflows, context);

    [Function(nameof(OpenApiDocument))]
    public Task<IActionResult> OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi/v1.json")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(OpenApiDocument), request, workflows, context);

    [Function(nameof(ListUndeliveredNotices))]
    public Task<IActionResult> ListUndeliveredNotices([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/notices/undelivered")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ListUndeliveredNotices), request, workflows, context);

    [Function(nameof(RetryNotice))]
    public Task<IActionResult> RetryNotice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/notices/{key}/retry")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RetryNotice), request, workflows, context);

    [Function(nameof(MarkNoticeHandled))]
    public Task<IActionResult> MarkNoticeHandled([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/notices/{key}/handled")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(MarkNoticeHandled), request, workflows, context);

    [Function(nameof(RestartWorkflow))]
    public Task<IActionResult> RestartWorkflow([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/referrals/{id}/workflow/restart")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RestartWorkflow), request, workflows, context);

    [Function(nameof(GetSchemeNotices))]
    public Task<IActionResult> GetSchemeNotices([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/schemes/{id}/notices")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(GetSchemeNotices), request, workflows, context);

    [Function(nameof(SetSchemeNotices))]
    public Task<IActionResult> SetSchemeNotices([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/schemes/{id}/notices")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(SetSchemeNotices), request, workflows, context);

    [Function(nameof(RepairWorkflows))]
    public Task<IActionResult> RepairWorkflows([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/operations/repair")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(RepairWorkflows), request, workflows, context);
}

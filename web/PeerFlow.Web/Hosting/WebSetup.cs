using System.Text.Encodings.Web;
using System.Text.Unicode;
using PeerFlow.Orchestrations;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Hosting;

public static class WebSetup
{
    /// <summary>
    /// Everything PeerFlow's endpoints need, the same in both hosts: records, notices, actions, pages and the pipeline
    /// around them. The host adds the engine's <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> and an
    /// <see cref="SignIn.IStaffSignIn"/>.
    /// </summary>
    public static IServiceCollection AddPeerFlowWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, StorageClients storage)
    {
        services.AddSingleton(storage);
        services.AddPeerFlowDomain(configuration);
        services.AddPeerFlowNotices(configuration, environment, storage);

        services.AddHttpContextAccessor();
        services.AddScoped<StaffIdentity>();
        services.AddScoped<SignIn.SchemeAccess>();
        services.AddScoped<ApiServices>();
        services.AddScoped<WorkflowSignals>(); // the workflow client is the function's own in Azure: scoped
        services.AddScoped<ReferralActions>();
        services.AddScoped<LinkActions>();
        services.AddScoped<MenteeVoice>();
        services.AddScoped<OutcomeActions>();
        services.AddScoped<MentorActions>();
        services.AddScoped<Submissions>();
        services.AddScoped<ReferralRecords>();
        services.AddScoped<Erasure>();
        services.AddScoped<SubjectAccess>();
        services.AddScoped<PeopleSearch>();
        services.AddScoped<CaseLog>();
        services.AddScoped<MentorLog>();
        services.AddScoped<MatchOverrides>();
        services.AddScoped<ConcernActions>();
        services.AddScoped<NoticeActions>();
        services.AddScoped<NoticePreferences>();
        services.AddScoped<WorkflowRepair>();
        services.AddSingleton<Orchestrations.Starts.LifecycleStarts>();
        services.AddSingleton<Orchestrations.Starts.StoppedWorkflowAlert>();
        services.AddScoped<Alerts>();
        services.AddScoped<ReferralListing>();
        services.AddScoped<Caseload>();
        services.AddScoped<Evaluation>();
        // The activities' own services, listed beside them (both hosts come through here).
        services.AddPeerFlowActivities<Pages.Reports.ReportHeadlines, Retention>(NoticeSetup.PublicBaseUrl(configuration));
        services.AddProblemDetails();

        // A body that does not parse is the client's mistake: a 400 problem, not a 500, in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        // No "Server: Kestrel" from either host's Kestrel (the local host's, and the worker's behind the Functions
        // host): it tells a scanner what to try and nobody else anything.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);

        services.AddSingleton<Pages.Refer.ReceivedLinks>();
        services.AddSingleton<Stylesheet>();
        services.AddScoped<PageRenderer>();
        services.AddScoped<WebPipeline>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton(sp => Endpoints.PublicPostLimiter.FromConfiguration(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => Endpoints.SchemeIntakeLimiter.FromConfiguration(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Endpoints.RefusedPosts>();

        // Names such as "Siobhán" or "Zoë", and dashes, are written as characters, not numeric references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "peerflow-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Behind the Functions host the worker sees plain HTTP, so "same as request" would drop Secure in Azure.
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.FormFieldName = "__af";
        });
        return services;
    }
}

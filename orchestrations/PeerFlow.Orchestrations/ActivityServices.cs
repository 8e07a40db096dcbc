using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Notices;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations;

/// <summary>
/// What the activities take from services beyond the stores, senders and keys the host sets up, grouped as
/// <see cref="LifecycleRegistration"/> groups the activities: both hosts call <see cref="AddPeerFlowActivities"/>,
/// so an activity given a new dependency cannot run in one host and fail in the other.
/// </summary>
public static class ActivityServices
{
    /// <summary>
    /// Every activity's services. <typeparamref name="TReportContent"/> and <typeparamref name="TRetention"/> are the
    /// host's: the monthly report's headlines and the erasure of what has passed its retention live with the pages.
    /// </summary>
    public static IServiceCollection AddPeerFlowActivities<TReportContent, TRetention>(this IServiceCollection services, Uri publicBaseUrl)
        where TReportContent : class, IMonthlyReportContent
        where TRetention : class, IRetentionRun
    {
        // Emails of every group link to the web app's pages.
        services.AddSingleton(new PublicUrls(publicBaseUrl));
        return services
            .AddLifecycleActivities()
            .AddMonthlyReportActivities<TReportContent>()
            .AddRetentionActivities<TRetention>();
    }

    /// <summary>The lifecycle's notices: recorded in the outbox, composed into emails and texts, alerted when undelivered.</summary>
    public static IServiceCollection AddLifecycleActivities(this IServiceCollection services)
    {
        services.AddSingleton<CoordinatorHold>();
        services.AddSingleton<INoticeSender, EmailNoticeSender>();
        services.AddSingleton<NoticeOutbox>();
        services.AddSingleton<IUndeliveredAlert, Notices.EmailUndeliveredAlert>();
        return services;
    }

    public static IServiceCollection AddMonthlyReportActivities<TReportContent>(this IServiceCollection services)
        where TReportContent : class, IMonthlyReportContent =>
        services.AddSingleton<IMonthlyReportContent, TReportContent>();

    /// <summary>Scoped: a retention run uses the host's per-request services.</summary>
    public static IServiceCollection AddRetentionActivities<TRetention>(this IServiceCollection services)
        where TRetention : class, IRetentionRun =>
        services.AddScoped<IRetentionRun, TRetention>();
}

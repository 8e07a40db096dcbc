using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Links;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// A standing schedule on the test engine with what its activities read: a store of its own on Azurite, the test
/// organisation's schemes, the email sender given (on the host's clock) and public URLs.
/// </summary>
internal static class ScheduleTestHost
{
    public static async Task<(WorkflowTestHost Host, PeerFlowStore Store)> StartAsync(
        Action<DurableTaskRegistry> tasks, OnceOnlyEmail email, DateTimeOffset start, IReadOnlyList<Scheme> schemes, [CallerMemberName] string scenario = "")
    {
        var store = new PeerFlowStore(new TableServiceClient(WorkflowTestHost.Storage), "s" + Guid.NewGuid().ToString("N")[..10]);
        await store.EnsureCreatedAsync(CancellationToken.None);
        var host = await WorkflowTestHost.StartAsync(
            tasks,
            services =>
            {
                services.AddSingleton(store);
                services.AddSingleton<SchemeCatalog>();
                services.AddSingleton<IEmailSender>(email);
                services.AddSingleton(new PublicUrls(new Uri("https://peerflow.example.org/")));
            },
            start,
            scenario: scenario);
        email.Clock = host.Clock;
        await host.Services.GetRequiredService<SchemeCatalog>().LoadAsync(new Organisation { Name = "Test County Council", Schemes = schemes }, CancellationToken.None);
        return (host, store);
    }
}

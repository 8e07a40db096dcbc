using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Web.Hosting;

/// <summary>PeerFlow's records and domain services, and the organisation's schemes loaded from configuration.</summary>
internal static class DomainSetup
{
    public static IServiceCollection AddPeerFlowDomain(this IServiceCollection services, IConfiguration configuration)
    {
        var prefix = configuration["PEERFLOW_TABLE_PREFIX"] ?? configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow";
        services.AddSingleton(sp => new PeerFlowStore(sp.GetRequiredService<StorageClients>().Tables, prefix));
        services.AddSingleton<SchemeCatalog>();
        services.AddSingleton<MatchProposals>();
        services.AddSingleton<ProposalAnswers>();
        services.AddSingleton<ReferralIntake>();
        services.AddHostedService(sp => new OrganisationLoader(sp.GetRequiredService<PeerFlowStore>(), sp.GetRequiredService<SchemeCatalog>(), configuration));
        return services;
    }

    /// <summary>Creates the tables and loads the organisation's schemes; a changed policy becomes a new version.</summary>
    private sealed class OrganisationLoader(PeerFlowStore store, SchemeCatalog schemes, IConfiguration configuration) : IHostedService
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.EnsureCreatedAsync(cancellationToken);
            var path = configuration["PEERFLOW_ORGANISATION_FILE"] ?? Path.Combine(AppContext.BaseDirectory, "organisation.json");
            await using var file = File.OpenRead(path);
            var organisation = await JsonSerializer.DeserializeAsync<Organisation>(file, Json, cancellationToken)
                ?? throw new InvalidOperationException($"{path} does not describe an organisation.");
            await schemes.LoadAsync(organisation, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

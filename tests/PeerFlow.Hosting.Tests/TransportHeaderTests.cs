extern alias FunctionsApp;

using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using FunctionsWorker = FunctionsApp::PeerFlow.Functions.FunctionsWorker;

namespace PeerFlow.Hosting.Tests;

/// <summary>HSTS on every answer outside Development, whatever the status; no Server header from Kestrel in either host.</summary>
public class TransportHeaderTests
{
    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/refer", HttpStatusCode.OK)]
    [InlineData("/api/referrals", HttpStatusCode.Unauthorized)]
    [InlineData("/refer/somebody", HttpStatusCode.NotFound)]
    public async Task OutsideDevelopment_EveryAnswerCarriesHsts(string path, HttpStatusCode status)
    {
        await using var app = new LocalHostApp("Production");
        using var http = app.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task InDevelopment_ThereIsNoHsts_OnPlainHttp()
    {
        await using var app = new LocalHostApp("Development");
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/healthz");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task KestrelSendsNoServerHeader_InEitherHost()
    {
        // The test server is not Kestrel and sends no Server header itself: the setting is what is checked.
        await using var local = new LocalHostApp("Production");
        _ = local.Server;
        Assert.False(local.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

        var builder = FunctionsWorker.CreateBuilder(["--PEERFLOW_HASH_KEY=" + ServiceLifetimeTests.TestHashKey, "--PEERFLOW_KEYRING_CERTIFICATE=" + ServiceLifetimeTests.TestKeyRingCertificate]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
            ["Functions:Worker:WorkerId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
        });
        using var worker = builder.Build();
        Assert.False(worker.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }
}

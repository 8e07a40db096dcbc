using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Hosting.Tests;

/// <summary>The OpenAPI document both hosts serve is the one the local host generates from the endpoints today.</summary>
public class OpenApiTests
{
    [Fact]
    public async Task TheServedDocument_IsTheGeneratedOne()
    {
        await using var app = new LocalHostApp();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("dev@example.org", [StaffRoles.Coordinator]));

        var generated = JsonNode.Parse(await http.GetStringAsync("/dev/openapi/v1.json"))!.AsObject();
        using var served = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var kept = JsonNode.Parse(await served.Content.ReadAsStringAsync())!.AsObject();

        // Where the document was fetched from is not part of the API.
        generated.Remove("servers");
        kept.Remove("servers");
        Assert.Contains("/api/referrals", generated["paths"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain(generated["paths"]!.AsObject(), p => !p.Key.StartsWith("/api/", StringComparison.Ordinal) && p.Key != "/healthz");

        if (!JsonNode.DeepEquals(generated, kept))
        {
            var fresh = Path.Combine(PackageTests.Package.RepositoryRoot, "artifacts", "openapi.json");
            Directory.CreateDirectory(Path.GetDirectoryName(fresh)!);
            await File.WriteAllTextAsync(fresh, generated.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
            Assert.Fail($"web/PeerFlow.Web/openapi.json is out of date: the endpoints changed. Copy {fresh} over it.");
        }
    }
}

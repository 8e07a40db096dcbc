using System.Text.RegularExpressions;
using PeerFlow.Domain.Links;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Tests.Endpoints;

/// <summary>Signed-link tokens are taken out of URLs before they reach telemetry (issue 19 item 9).</summary>
public class LinkTokenRedactionTests
{
    private const string Token = "1767225600.CfDJ8Abc-_xyz0123456789";

    [Theory]
    [InlineData("https://peerflow.example/m/checkin?t=" + Token, "https://peerflow.example/m/checkin?t={token}")]
    [InlineData("https://peerflow.example/m/accept?utm=mail&t=" + Token + "#top", "https://peerflow.example/m/accept?utm=mail&t={token}#top")]
    [InlineData("GET /api/links/decline?t=" + Token + "&x=1", "GET /api/links/decline?t={token}&x=1")]
    [InlineData("https://peerflow.example/m/checkin/" + Token, "https://peerflow.example/m/checkin/{token}")]
    [InlineData("https://peerflow.example/m/accept/" + Token + "?utm=mail#top", "https://peerflow.example/m/accept/{token}?utm=mail#top")]
    [InlineData("/api/links/checkin/" + Token, "/api/links/checkin/{token}")]
    [InlineData("POST /API/LINKS/mentor-feedback/" + Token, "POST /API/LINKS/mentor-feedback/{token}")]
    [InlineData("Request starting HTTP/1.1 GET http://localhost/m/mentee-feedback/" + Token + " - - -", "Request starting HTTP/1.1 GET http://localhost/m/mentee-feedback/{token} - - -")]
    public void A_links_token_is_replaced_wherever_it_appears(string text, string redacted)
    {
        Assert.Equal(redacted, LinkTokenRedaction.Redact(text));
        Assert.DoesNotContain(Token, LinkTokenRedaction.Redact(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/m/done?action=checkin")]
    [InlineData("/reports/2026-11?scheme=peer-link&t=x")]
    [InlineData("/referrals/r-123/matches")]
    [InlineData("/api/referrals/r-123")]
    [InlineData("/api/links")]
    [InlineData("")]
    public void Everything_else_is_left_as_it_was(string text) => Assert.Equal(text, LinkTokenRedaction.Redact(text));

    /// <summary>
    /// In Azure the host's telemetry is redacted by the workspace's transformation, with this same expression: a
    /// changed route or pattern must change both.
    /// </summary>
    [Fact]
    public void The_workspace_transformation_in_the_Bicep_uses_the_same_expression()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PeerFlow.sln")))
        {
            directory = directory.Parent;
        }

        var bicep = File.ReadAllText(Path.Combine(directory!.FullName, "infra", "modules", "telemetry-redaction.bicep"));
        Assert.Contains("var token = '''" + LinkTokenRedaction.Pattern + "'''", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_link_route_of_the_endpoint_table_whose_token_is_in_the_query_string_is_covered()
    {
        var linkRoutes = PeerFlowEndpoints.All
            .Where(e => (e.Pattern.StartsWith("/m/{slug", StringComparison.Ordinal) || e.Pattern.StartsWith("/api/links/", StringComparison.Ordinal)) && !e.Pattern.Contains("{token}", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(4, linkRoutes.Count); // the pages and the API, GET and POST
        Assert.All(linkRoutes, e =>
        {
            var sample = Regex.Replace(e.Pattern, "\\{(slug|action)[^}]*\\}", "checkin");
            Assert.DoesNotContain(Token, LinkTokenRedaction.Redact($"https://peerflow.example{sample}?{PublicUrls.TokenParameter}={Token}"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_route_of_the_endpoint_table_that_carries_a_token_is_covered()
    {
        var tokenRoutes = PeerFlowEndpoints.All.Where(e => e.Pattern.Contains("{token}", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(tokenRoutes);
        Assert.All(tokenRoutes, e =>
        {
            var sample = e.Pattern.Replace("{token}", Token, StringComparison.Ordinal).Replace("{slug}", "checkin", StringComparison.Ordinal).Replace("{action}", "checkin", StringComparison.Ordinal);
            Assert.DoesNotContain(Token, LinkTokenRedaction.Redact("https://peerflow.example" + sample), StringComparison.Ordinal);
        });
    }
}

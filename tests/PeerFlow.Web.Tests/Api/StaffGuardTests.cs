using System.Net;
using System.Net.Http.Json;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Tests.Api;

/// <summary>Under the Functions host, only public paths answer without the principal App Service Authentication sets.</summary>
public class StaffGuardTests
{
    [Theory]
    [InlineData("GET", "/api/referrals")]
    [InlineData("GET", "/api/referrals/r123")]
    [InlineData("GET", "/api/mentors")]
    [InlineData("GET", "/api/alerts")]
    [InlineData("GET", "/dashboard")]
    [InlineData("GET", "/referrals/r123")]
    [InlineData("GET", "/mentors")]
    public async Task StaffPathsWithoutAPrincipal_Are401(string method, string path)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("FCM-", body, StringComparison.Ordinal);
        Assert.Equal(path.StartsWith("/api", StringComparison.Ordinal) ? "application/problem+json" : "text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/refer")]
    [InlineData("/refer/self")]
    [InlineData("/refer/privacy")]
    [InlineData("/css/peerflow.css")]
    public async Task PublicPagesAnswerAnyone(string path)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReferrerSystemsPostReferralsWithoutSigningIn_AndStaffSignedInSeeThem()
    {
        await using var app = new ApiApp();
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Remove(ClientPrincipal.Header);

        using var posted = await anonymous.PostAsJsonAsync("/api/referrals", new { schemeId = "peer-link", kind = "Self", consent = true, name = "Sam Lee", phone = "07700 900123" });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var staff = app.CreateClient();
        using var list = await staff.GetAsync("/api/referrals");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("PLA-", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

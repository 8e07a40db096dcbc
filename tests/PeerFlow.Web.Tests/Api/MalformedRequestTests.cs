using System.Net;
using PeerFlow.Web.SignIn;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Requests no client should send, from anyone: each gets a 4xx problem (or status page) and never a 500, and a
/// made-up link token is refused before its body is read.
/// </summary>
public class MalformedRequestTests(MalformedRequestTests.App app) : IClassFixture<MalformedRequestTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public ApiApp Api { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    private static StringContent Body(string text, string contentType)
    {
        var content = new StringContent(text);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static TheoryData<string, string, string> BadLinkBodies => new()
    {
        { "checkin", "{\"rag\": ", "application/json" },
        { "checkin", "rag=green", "application/x-www-form-urlencoded" },
        { "mentor-feedback", "<feedback/>", "text/xml" },
        { "mentee-feedback", "{\"helpfulness\": \"lots\"}", "application/json" },
    };

    [Theory]
    [MemberData(nameof(BadLinkBodies))]
    public async Task AMadeUpLinkToken_IsRefusedBeforeItsBodyIsRead(string action, string body, string contentType)
    {
        using var http = app.Api.CreateClient();
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);

        using var response = await http.PostAsync($"/api/links/{action}/not-a-real-token", Body(body, contentType));

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Link not valid", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/links/checkin/not-a-real-token", false)]
    [InlineData("POST", "/api/referrals", false)]
    [InlineData("POST", "/api/mentors", true)]
    [InlineData("PUT", "/api/mentors/m1", true)]
    [InlineData("POST", "/api/referrals/r1/assessment", true)]
    [InlineData("POST", "/api/referrals/r1/contact", true)]
    public async Task AnUnknownCharset_Is415(string method, string path, bool staff)
    {
        using var http = app.Api.CreateClient();
        if (!staff)
        {
            http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body("{}", "application/json; charset=bogus") };
        using var response = await http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AFormOfMoreThan1024Fields_Is400()
    {
        using var http = app.Api.CreateClient();
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>("f" + i, "x"));

        using var response = await http.PostAsync("/refer/self", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("0001-01")]
    [InlineData("1899-12")]
    public async Task AReportForAMonthBeforeAnyRecord_IsNotFound(string month)
    {
        using var http = app.Api.CreateClient();

        using var response = await http.GetAsync("/reports/" + month);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

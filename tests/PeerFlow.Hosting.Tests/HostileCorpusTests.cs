using System.Net;
using System.Text;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// Every endpoint against a generated corpus of what no honest client sends (malformed encodings, control and
/// text-direction characters, wrongly typed and oversized fields, forged principals, made-up link tokens: the route
/// samples fill every token and id with "x"): whatever each answers, it is never a 5xx.
/// </summary>
public sealed class HostileCorpusTests(HostileCorpusTests.App app) : IClassFixture<HostileCorpusTests.App>
{
    private const string Hostile = "a\u0000b\r\nc\u202Egnp.exe\u2067\u001B[2J";

    /// <summary>Every field name any request has, each given something hostile of a wrong or awkward type.</summary>
    private static readonly string HostileJson = """
        {"schemeId":"a\u0000b","kind":99,"urgent":"yes","consent":{},"name":"a\u202Eb\r\n","email":"x@y\u0000.z","phone":["1"],
         "postcodeDistrict":"\u2067EX1","reasonForReferral":"\u001B[2J","referrerName":123,"referrerEmail":null,"referrerPhone":1e400,
         "referrerOrganisation":"\uD800","outcome":"\u202Esuitable","recontactOn":"0001-01-01","signpostedTo":"\u0000",
         "profile":{"postcodeDistrict":"\u0000","interests":["\u202E",null,1],"preferredGender":"\r\n"},
         "mentorId":"x\u0000","capacityOverrideReason":"\u202E","accepted":"maybe","rag":99,"met":"sometimes","notes":"\u0000",
         "reason":"\u202E","details":"\u0000","raisedBy":"\r\nBcc: x","from":"\u202Ementor","helpfulness":2147483648,
         "comments":"\u0000","at":"not a date","active":"no","capacity":-1,"dbsCheckExpires":"9999-99-99",
         "availability":"not a list","languages":[[]],"gender":"\u202E","learningStyles":{"a":1}}
        """;

    public static TheoryData<string> Cases =>
    [
        "charset=bogus", "invalid JSON", "invalid UTF-8 in JSON", "hostile fields", "JSON array", "XML", "form with NUL",
        "form of 1,100 fields", "oversized body", "principal not base64", "principal of invalid UTF-8", "principal with role_typ forged",
        "principal with null claims", "principal nameless",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NoEndpoint_Answers5xx(string @case)
    {
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, Principal(@case) ?? ClientPrincipal.Encode("Ama Mensah", StaffRoles.All));

        var failed = new List<string>();
        foreach (var endpoint in PeerFlowEndpoints.All)
        {
            var status = await SendAsync(http, endpoint, @case);
            for (var tries = 1; status == HttpStatusCode.ServiceUnavailable && tries < 5; tries++)
            {
                // A storage probe that outlasted its deadline on a loaded machine answers everything 503 for a few
                // seconds, by design. That is not the hostile input's doing: once storage answers again, ask again.
                await StorageAnswersAsync(http);
                status = await SendAsync(http, endpoint, @case);
            }

            if ((int)status >= 500)
            {
                failed.Add($"{endpoint.Method} {endpoint.Pattern}: {(int)status}");
            }
        }

        Assert.True(failed.Count == 0, $"{@case}:{Environment.NewLine}{string.Join(Environment.NewLine, failed)}");
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, WebEndpoint endpoint, string @case)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), RouteSamples.Address(endpoint.Pattern)) { Content = Body(@case) };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task StorageAnswersAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await http.GetAsync("/healthz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "storage did not answer again within 5 minutes");
            await Task.Delay(500);
        }
    }

    private static string? Principal(string @case) => @case switch
    {
        "principal not base64" => "%%%not base64%%%",
        "principal of invalid UTF-8" => Convert.ToBase64String([.. Encoding.UTF8.GetBytes("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"name\",\"val\":\""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}]}")]),
        "principal with role_typ forged" => Base64("""{"auth_typ":"aad","role_typ":"name","claims":[{"typ":"name","val":"Administrator"}]}"""),
        "principal with null claims" => Base64("""{"auth_typ":"aad","claims":[null,{"typ":null,"val":null}]}"""),
        "principal nameless" => Base64("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"Administrator"}]}"""),
        _ => null,
    };

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static ByteArrayContent? Body(string @case) => @case switch
    {
        "charset=bogus" => Raw(Encoding.UTF8.GetBytes(HostileJson), "application/json; charset=bogus"),
        "invalid JSON" => Raw(Encoding.UTF8.GetBytes("{\"name\": \"Sam"), "application/json"),
        "invalid UTF-8 in JSON" => Raw([.. Encoding.UTF8.GetBytes("{\"name\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")], "application/json"),
        "hostile fields" => Raw(Encoding.UTF8.GetBytes(HostileJson), "application/json"),
        "JSON array" => Raw(Encoding.UTF8.GetBytes("[" + HostileJson + "]"), "application/json"),
        "XML" => Raw(Encoding.UTF8.GetBytes("<referral><name>Sam</name></referral>"), "application/xml"),
        "form with NUL" => new FormUrlEncodedContent([new("name", Hostile), new("Input.Name", Hostile), new("Input.Notes", Hostile), new("days", "1e400")]),
        "form of 1,100 fields" => new FormUrlEncodedContent(Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>("f" + i, "x"))),
        "oversized body" => Raw(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 70 * 1024) + "\"}"), "application/json"),
        _ => null,
    };

    private static ByteArrayContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public sealed class App : IDisposable
    {
        private readonly LocalHostApp host = new();

        public HttpClient CreateClient() => host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        public void Dispose() => host.Dispose();
    }
}

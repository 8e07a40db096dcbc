using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// The sandbox clock and the mail and text captures exist only with the development identity: behind Easy Auth's
/// sign-in (as in Azure) they would let anyone read captured emails and texts, send as SendGrid or Twilio, or move time.
/// </summary>
public class DevelopmentToolTests
{
    private static readonly string[] Tools = ["GET /dev/mail", "GET /dev/sms", "GET /dev/clock", "POST /dev/clock/advance?days=1", "POST /v3/mail/send", "POST /2010-04-01/Accounts/AC1/Messages.json"];

    [Fact]
    public async Task WithEasyAuthSignIn_TheDevelopmentToolsDoNotExist_AndPagesDoNotOfferThem()
    {
        await using var app = new LocalHostApp(signIn: "EasyAuth");
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("Ama Mensah", StaffRoles.All));

        foreach (var tool in Tools)
        {
            using var response = await SendAsync(http, tool);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{tool}: {(int)response.StatusCode}");
        }

        var dashboard = await http.GetStringAsync("/dashboard");
        Assert.DoesNotContain("/dev/clock", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("/dev/mail", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheDevelopmentIdentity_TheDevelopmentToolsExist()
    {
        await using var app = new LocalHostApp(signIn: "Development");
        using var http = app.CreateClient();

        using var mail = await SendAsync(http, "GET /dev/mail");
        using var texts = await SendAsync(http, "GET /dev/sms");
        using var clock = await SendAsync(http, "GET /dev/clock");

        Assert.Equal(HttpStatusCode.OK, mail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, texts.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clock.StatusCode);
        Assert.Contains("/dev/clock/advance-form", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMailCapture_TakesAnEmailWithAnAttachmentLargerThanWhatPeoplePost_AsSendGridDoes()
    {
        await using var app = new LocalHostApp(signIn: "Development");
        using var http = app.CreateClient();
        // Random bytes: a workbook is already compressed, so its base64 does not shrink either.
        var workbook = System.Security.Cryptography.RandomNumberGenerator.GetBytes(200 * 1024);
        var payload = new JsonObject
        {
            ["personalizations"] = new JsonArray(new JsonObject
            {
                ["to"] = new JsonArray(new JsonObject { ["email"] = "manager@example.org", ["name"] = "Sam" }),
                ["custom_args"] = new JsonObject { [SendGridCustomArgs.IdempotencyKey] = "large-1", [SendGridCustomArgs.Template] = "monthly-report" },
            }),
            ["from"] = new JsonObject { ["email"] = "noreply@peerflow.local", ["name"] = "PeerFlow" },
            ["subject"] = "Your evaluation report",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text/plain", ["value"] = "Attached." }),
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["filename"] = "report.xlsx",
                ["type"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ["content"] = Convert.ToBase64String(workbook),
            }),
        };
        using var body = new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        Assert.True(body.Headers.ContentLength > WebPipeline.MaxBodyBytes);

        using var sent = await http.PostAsync("/v3/mail/send", body);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Contains("Your evaluation report", await http.GetStringAsync("/dev/mail"), StringComparison.Ordinal);
        // What people post keeps its limit.
        using var large = new StringContent(new string('a', (int)WebPipeline.MaxBodyBytes + 1), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PostAsync("/refer", large)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string tool)
    {
        var (method, path) = (tool.Split(' ')[0], tool.Split(' ')[1]);
        return http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null });
    }
}

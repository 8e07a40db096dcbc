using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.SignIn;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// The app on Azurite in the Development environment (sandbox clock; /dev routes only with the development identity), with a task
/// hub and table prefix of its own and no demo data. Email goes through the real <see cref="SendGridEmailSender"/> into
/// the app's own mail capture store, called in process (<see cref="ToCapture"/>).
/// </summary>
public sealed class ApiApp : WebApplicationFactory<Program>
{
    public string TaskHub { get; } = "a" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>True: signed in through Easy Auth's header, as in Azure. False: the local development identity.</summary>
    public bool EasyAuth { get; init; } = true;

    /// <summary>The roles the test clients' principal has, behind Easy Auth.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [StaffRoles.Coordinator, StaffRoles.Manager];

    /// <summary>
    /// Anonymous posts one client may make at once. Every test client is one address, and most tests post far more
    /// than a person would, so only the test of the limit itself sets it low.
    /// </summary>
    public int PublicPostBurst { get; init; } = 100_000;

    /// <summary>Anonymous referrals one scheme takes at once: tests post far more than a scheme receives.</summary>
    public int SchemePostBurst { get; init; } = 100_000;

    /// <summary>
    /// The clock the intake limits refill by, when a test holds it still: their buckets refill with time, and a test
    /// of a limit must not pass or fail by how long a busy machine takes between two posts.
    /// </summary>
    public TimeProvider? LimiterTime { get; init; }

    /// <summary>The storage connection string, when not Azurite's own (the outage tests put a proxy in between).</summary>
    public string? Storage { get; init; }

    /// <summary>An organisation file of the test's own; none: the one the app ships with.</summary>
    public string? OrganisationFile { get; init; }

    private static readonly Lazy<string> KeyRingCertificate = new(() => PeerFlow.Domain.Links.KeyRingCertificates.CreateSelfSigned("PeerFlow web tests", TimeProvider.System));

    public TestWorkflows Workflows => new(Services.GetRequiredService<DurableTaskClient>());

    /// <summary>
    /// Waits until the engine has nothing in flight: every workflow started or signalled has reached its next wait.
    /// A test that then writes a record directly is not overwritten by a workflow still starting up.
    /// </summary>
    public async Task SettleAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Services.GetRequiredService<PeerFlow.LocalEngine.Clock.WorkInFlight>().WhenIdleAsync(cts.Token);
    }

    public PeerFlowStore Store => Services.GetRequiredService<PeerFlowStore>();

    public CapturedMailStore Mail => Services.GetRequiredService<CapturedMailStore>();

    public PeerFlow.Domain.Sms.CapturedTextStore Texts => Services.GetRequiredService<PeerFlow.Domain.Sms.CapturedTextStore>();

    /// <summary>
    /// When set, what "SendGrid" answers instead of taking the email (null: it takes it): a test makes the email
    /// provider fail, be revoked or recover with it, while texts go on.
    /// </summary>
    public Func<System.Net.HttpStatusCode?> EmailFault { get; set; } = () => null;

    /// <summary>Every request that reached "SendGrid", taken or not.</summary>
    public int EmailCalls => emailCalls;

    private int emailCalls;

    /// <summary>The staff member the test clients act as, behind Easy Auth.</summary>
    public const string StaffName = "test.coordinator@example.org";

    /// <summary>Clients act as signed-in staff, as App Service Authentication would make them.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        // Moving the sandbox clock answers once every timer it passed has run: on a loaded machine that outlasts
        // HttpClient's 100 s. Tests wait for conditions; this is only the bound that turns a hang into a failure.
        client.Timeout = TimeSpan.FromMinutes(10);
        client.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode(StaffName, Roles));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var storage = Storage ?? Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
            ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");
        builder.UseEnvironment("Development");
        builder.UseSetting("PEERFLOW_STORAGE", storage);
        builder.UseSetting("PEERFLOW_TASK_HUB", TaskHub);
        builder.UseSetting("PEERFLOW_SIGN_IN", EasyAuth ? "EasyAuth" : "Development");
        builder.UseSetting("PEERFLOW_DEMO_DATA", "false");
        builder.UseSetting("PEERFLOW_PUBLIC_POST_BURST", PublicPostBurst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("PEERFLOW_SCHEME_POST_BURST", SchemePostBurst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("PEERFLOW_TRUST_FORWARDED_FOR", "true");
        if (OrganisationFile is not null)
        {
            builder.UseSetting("PEERFLOW_ORGANISATION_FILE", OrganisationFile);
        }

        builder.UseSetting("PEERFLOW_SENDGRID_HOST", "http://localhost");
        builder.UseSetting("PEERFLOW_SENDGRID_API_KEY", "test-capture");
        builder.UseSetting("PEERFLOW_TWILIO_HOST", "http://localhost");
        builder.UseSetting("PEERFLOW_PUBLIC_BASE_URL", "http://localhost/");
        builder.UseSetting("PEERFLOW_KEYRING_CERTIFICATE", KeyRingCertificate.Value); // made once, not per app: RSA keys take a while

        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient<IEmailSender, SendGridEmailSender>().ConfigurePrimaryHttpMessageHandler(() => new ToCapture(this));
            services.AddHttpClient<PeerFlow.Domain.Sms.ISmsSender, PeerFlow.Domain.Sms.TwilioSmsSender>().ConfigurePrimaryHttpMessageHandler(() => new ToTextCapture(this));
            if (LimiterTime is { } limiterTime)
            {
                services.AddSingleton(sp => PeerFlow.Web.Endpoints.PublicPostLimiter.FromConfiguration(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), limiterTime));
                services.AddSingleton(sp => PeerFlow.Web.Endpoints.SchemeIntakeLimiter.FromConfiguration(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), limiterTime));
            }
        });
    }

    /// <summary>
    /// SendGrid as the app's own capture answers it (validate, store, 202 with a message id), called in process: the
    /// capture's routes exist only with the development identity, and most tests sign in through Easy Auth.
    /// </summary>
    private sealed class ToCapture(ApiApp app) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref app.emailCalls);
            if (app.EmailFault() is { } fault)
            {
                return new HttpResponseMessage(fault) { Content = new StringContent("{\"errors\":[{\"message\":\"injected by the test\"}]}") };
            }

            var body = System.Text.Json.Nodes.JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (SendGridPayload.Validate(body).Count > 0)
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest);
            }

            var saved = await app.Mail.SaveAsync(body!.AsObject(), cancellationToken);
            var answer = new HttpResponseMessage(System.Net.HttpStatusCode.Accepted);
            answer.Headers.Add("X-Message-Id", saved.MessageId);
            return answer;
        }
    }
}

/// <summary>Twilio as the app's own text capture answers it (store, 201 with a sid), called in process.</summary>
internal sealed class ToTextCapture(ApiApp app) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = System.Web.HttpUtility.ParseQueryString(await request.Content!.ReadAsStringAsync(cancellationToken));
        var saved = await app.Texts.SaveAsync(
            form["To"]!, form["From"] ?? "", form["Body"] ?? "",
            request.Headers.TryGetValues("X-PeerFlow-Template", out var template) ? template.First() : null,
            request.Headers.TryGetValues("X-PeerFlow-Key", out var key) ? key.First() : null,
            cancellationToken);
        return new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new StringContent($"{{\"sid\":\"{saved.Sid}\"}}") };
    }
}

/// <summary>The engine's client, as the tests ask it things.</summary>
public sealed class TestWorkflows(DurableTaskClient client)
{
    public Task<OrchestrationMetadata?> GetStatusAsync(string instanceId) => client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
}

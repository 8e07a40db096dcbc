// PeerFlow's Azure Functions custom handler. The Functions host starts this process,
// probes GET / for readiness and forwards HTTP requests to it.
var builder = WebApplication.CreateBuilder(args);

// The Functions host tells the handler where to listen through this variable;
// locally `./peerflow run` passes --urls instead.
var customHandlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
if (!string.IsNullOrEmpty(customHandlerPort))
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
}

var app = builder.Build();

// Readiness probe used by the Functions host: any answer counts, we answer 200.
app.MapGet("/", () => Results.Ok());

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

app.Run();

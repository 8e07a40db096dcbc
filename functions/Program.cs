using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerFlow.Functions.Http;
using PeerFlow.Web.Hosting;
using PeerFlow.Web.SignIn;

// PeerFlow in Azure: the Functions host runs Durable Functions (the workflows of orchestrations/, on DurableTask.AzureStorage)
// and hands HTTP requests to this worker, whose functions run the endpoints of web/ through the same pipeline as the
// local host. Behind App Service Authentication, staff are whoever X-MS-CLIENT-PRINCIPAL says.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var storage = StorageSetup.CreateClients(builder.Configuration);
builder.Services.AddPeerFlowWeb(builder.Configuration, storage);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IStaffSignIn, EasyAuthSignIn>();
builder.Services.AddSingleton<EndpointRunner>();

// The endpoints take the engine's client from services; here it comes from each function's [DurableClient] binding.
builder.Services.AddScoped<BoundWorkflowClient>();
builder.Services.AddScoped<DurableTaskClient>(sp => sp.GetRequiredService<BoundWorkflowClient>().Client);

builder.Build().Run();

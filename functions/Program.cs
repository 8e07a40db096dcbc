using Microsoft.Extensions.Hosting;
using PeerFlow.Functions;

// PeerFlow in Azure: the Functions host runs Durable Functions (the workflows of orchestrations/, on DurableTask.AzureStorage)
// and hands HTTP requests to this worker, whose functions run the endpoints of web/ through the same pipeline as the
// local host. Behind App Service Authentication, staff are whoever X-MS-CLIENT-PRINCIPAL says.
FunctionsWorker.CreateBuilder(args).Build().Run();

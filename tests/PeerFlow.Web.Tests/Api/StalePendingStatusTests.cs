using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// A host killed between an episode's history and its instance row leaves a running workflow's row "Pending" for the
/// rest of its stage (the crash runs found it: referrals that were reminded and escalated but showed "Nothing is
/// scheduled"). The row is put in that state here, on Azurite, as the engine leaves it.
/// </summary>
public class StalePendingStatusTests
{
    [Fact]
    public async Task ARunningWorkflowWhoseRowSaysPending_IsShownRunning_WithItsSchedule_AndANeverRunOneStaysPending()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Robin Ash", "robin.ash@example.org");
        Assert.True(View(await http.GetStringAsync($"/api/referrals/{id}")).GetProperty("scheduled").GetArrayLength() > 0);

        var rows = new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")).GetTableClient(app.TaskHub + "Instances");
        await rows.UpdateEntityAsync(new TableEntity(id, "") { ["RuntimeStatus"] = "Pending" }, Azure.ETag.All, TableUpdateMode.Merge);
        var workflows = app.Services.GetRequiredService<DurableTaskClient>();
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await workflows.GetInstanceAsync(id))!.RuntimeStatus);

        var view = View(await http.GetStringAsync($"/api/referrals/{id}"));
        Assert.Equal("Running", view.GetProperty("workflowStatus").GetString());
        Assert.True(view.GetProperty("scheduled").GetArrayLength() > 0, view.ToString());
        var page = await http.GetStringAsync($"/referrals/{id}");
        Assert.DoesNotContain("Nothing is scheduled", page, StringComparison.Ordinal);
        Assert.DoesNotContain("workflow-stopped", page, StringComparison.Ordinal);

        // The same row as a start not yet taken up has it: no custom status, for no episode has run.
        var row = (await rows.GetEntityAsync<TableEntity>(id, "")).Value;
        row.Remove("CustomStatus");
        await rows.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        Assert.Equal("Pending", View(await http.GetStringAsync($"/api/referrals/{id}")).GetProperty("workflowStatus").GetString());
    }

    private static JsonElement View(string body) => JsonDocument.Parse(body).RootElement;
}

using System.Text.Json.Nodes;

namespace PeerFlow.Infra.Tests;

/// <summary>The Bicep CLI compiles and lints infra/ cleanly: any error or warning fails CI.</summary>
public class BicepToolTests
{
    [Fact]
    public async Task Build_main_bicep_exits_0_with_no_warnings()
    {
        var result = await BicepCli.RunAsync("build", "infra/main.bicep", "--stdout");

        Assert.True(result.IsClean, result.Describe());
        Assert.NotNull(JsonNode.Parse(result.StandardOutput));
    }

    [Fact]
    public async Task Lint_main_bicep_exits_0_with_no_warnings()
    {
        var result = await BicepCli.RunAsync("lint", "infra/main.bicep");

        Assert.True(result.IsClean, result.Describe());
    }

    [Fact]
    public async Task Build_params_dev_compiles_for_the_dev_environment()
    {
        var parameters = await BuildParamsAsync("infra/env/dev.bicepparam");

        Assert.Equal("dev", parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal(BicepCli.SampleAuthClientId, parameters["authClientId"]!["value"]!.GetValue<string>());
        Assert.Equal(BicepCli.SampleMailFrom, parameters["mailFromAddress"]!["value"]!.GetValue<string>());
        Assert.False(parameters["keyVaultPurgeProtection"]!["value"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Build_params_prod_compiles_for_the_prod_environment()
    {
        var parameters = await BuildParamsAsync("infra/env/prod.bicepparam");

        Assert.Equal("prod", parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal(BicepCli.SampleAuthClientId, parameters["authClientId"]!["value"]!.GetValue<string>());
        Assert.Equal(BicepCli.SampleMailFrom, parameters["mailFromAddress"]!["value"]!.GetValue<string>());
        Assert.True(parameters["keyVaultPurgeProtection"]!["value"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("infra/env/dev.bicepparam")]
    [InlineData("infra/env/prod.bicepparam")]
    public async Task Lint_of_each_parameter_file_exits_0_with_no_warnings(string path)
    {
        var result = await BicepCli.RunAsync("lint", path);

        Assert.True(result.IsClean, result.Describe());
    }

    // bicepconfig.json at the repository root is what turns linter findings into errors (and so
    // into a failed CI run): a copy of it next to a file that breaks a rule must fail the lint.
    [Fact]
    public async Task Bicepconfig_makes_a_linter_finding_an_error_that_fails_the_lint()
    {
        var dir = Directory.CreateTempSubdirectory("peerflow-bicep-");
        try
        {
            File.Copy(Path.Combine(BicepCli.RepositoryRoot, "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            var file = Path.Combine(dir.FullName, "unused.bicep");
            await File.WriteAllTextAsync(file, "param unused string\n\noutput answer int = 42\n");

            var result = await BicepCli.RunAsync("lint", file);

            Assert.True(result.ExitCode == 1, result.Describe());
            Assert.Contains(result.Diagnostics, line => line.Contains("Error no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<JsonObject> BuildParamsAsync(string path)
    {
        var result = await BicepCli.RunAsync("build-params", path, "--stdout");
        Assert.True(result.IsClean, result.Describe());

        // --stdout prints { "parametersJson": "<ARM parameters file as a string>", "templateJson": ... }.
        var output = JsonNode.Parse(result.StandardOutput)!;
        var parametersFile = JsonNode.Parse(output["parametersJson"]!.GetValue<string>())!;
        return parametersFile["parameters"]!.AsObject();
    }
}

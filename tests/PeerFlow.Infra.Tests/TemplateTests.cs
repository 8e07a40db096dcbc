using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static PeerFlow.Infra.Tests.CompiledTemplate;

namespace PeerFlow.Infra.Tests;

/// <summary>The compiled ARM template has the settings PeerFlow's security and runtime depend on.</summary>
public partial class TemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    // Roles that would give the app far more than data access.
    private static readonly Dictionary<string, string> BroadRoles = new()
    {
        ["Owner"] = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        ["Contributor"] = "b24988ac-6180-42a0-ab88-20f7382dd24c",
        ["User Access Administrator"] = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        ["Role Based Access Control Administrator"] = "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
        ["Storage Account Contributor"] = "17d1049b-9a84-46fb-8f53-869881c3d3ab",
        ["Key Vault Administrator"] = "00482a5a-887f-4fb3-b363-3b7fe8e74483",
        ["Key Vault Secrets Officer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        ["Website Contributor"] = "de139f84-1756-47ae-9be6-808fbbe84772",
    };

    [Fact]
    public void Storage_account_allows_no_shared_keys_no_public_blobs_and_only_TLS_1_2()
    {
        var storage = template.OnlyOfType("Microsoft.Storage/storageAccounts");

        Assert.Equal("StorageV2", Str(storage, "kind"));
        Assert.False(Bool(storage, "properties.allowSharedKeyAccess"));
        Assert.False(Bool(storage, "properties.allowBlobPublicAccess"));
        Assert.True(Bool(storage, "properties.supportsHttpsTrafficOnly"));
        Assert.Equal("TLS1_2", Str(storage, "properties.minimumTlsVersion"));
    }

    [Fact]
    public void Storage_account_has_the_private_deployment_package_container()
    {
        var container = template.OnlyOfType("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", Str(container, "properties.publicAccess"));
    }

    [Fact]
    public void Function_app_runs_the_custom_handler_on_Flex_Consumption_over_HTTPS_only()
    {
        var plan = template.OnlyOfType("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", Str(plan, "sku.name"));
        Assert.Equal("FlexConsumption", Str(plan, "sku.tier"));
        Assert.True(Bool(plan, "properties.reserved")); // Linux

        var site = template.OnlyOfType("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", Str(site, "kind"));
        Assert.True(Bool(site, "properties.httpsOnly"));
        Assert.Equal("1.2", Str(site, "properties.siteConfig.minTlsVersion"));
        Assert.Equal("Disabled", Str(site, "properties.siteConfig.ftpsState"));
        Assert.Equal("custom", Str(site, "properties.functionAppConfig.runtime.name"));
        Assert.Equal("1.0", Str(site, "properties.functionAppConfig.runtime.version"));
        Assert.Equal("UserAssigned", Str(site, "identity.type"));
        Assert.NotNull(Str(site, "properties.keyVaultReferenceIdentity"));

        // The deployment package is read with the managed identity, not a connection string.
        Assert.Equal("blobContainer", Str(site, "properties.functionAppConfig.deployment.storage.type"));
        Assert.Equal("UserAssignedIdentity", Str(site, "properties.functionAppConfig.deployment.storage.authentication.type"));
    }

    [Fact]
    public void Basic_publishing_credentials_are_off_by_default()
    {
        var policies = template.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(p => LastSegment(Str(p, "name")!)).Order(StringComparer.Ordinal));
        Assert.False(At(template.Root, "parameters.allowBasicPublishingCredentials.defaultValue")!.GetValue<bool>());
    }

    [Fact]
    public void Identity_holds_exactly_the_data_roles_it_needs_each_on_its_own_resource()
    {
        var roles = template.ModuleTemplate("roles");
        var assignments = template.ResourcesOfType("Microsoft.Authorization/roleAssignments");

        var byScope = assignments
            .GroupBy(a => ScopeType(Str(a, "scope")))
            .ToDictionary(g => g.Key, g => g.SelectMany(a => RoleIds(a, roles)).Order(StringComparer.Ordinal).ToList());

        Assert.Equal(["Microsoft.Insights/components", "Microsoft.KeyVault/vaults", "Microsoft.Storage/storageAccounts"],
            byScope.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal),
            byScope["Microsoft.Storage/storageAccounts"]);
        Assert.Equal([MonitoringMetricsPublisher], byScope["Microsoft.Insights/components"]);
        Assert.Equal([KeyVaultSecretsUser], byScope["Microsoft.KeyVault/vaults"]);
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", Str(a, "properties.principalType")));
    }

    [Fact]
    public void No_broad_role_appears_anywhere_in_the_template()
    {
        foreach (var (role, id) in BroadRoles)
        {
            Assert.False(template.Text.Contains(id, StringComparison.OrdinalIgnoreCase), $"the template mentions {role} ({id})");
        }
    }

    [Fact]
    public void Easy_Auth_requires_Entra_ID_sign_in_except_on_the_public_paths()
    {
        var auth = AuthSettings();

        Assert.True(Bool(auth, "properties.platform.enabled"));
        Assert.True(Bool(auth, "properties.globalValidation.requireAuthentication"));
        Assert.Equal("RedirectToLoginPage", Str(auth, "properties.globalValidation.unauthenticatedClientAction"));
        Assert.Equal("azureactivedirectory", Str(auth, "properties.globalValidation.redirectToProvider"));
        Assert.True(Bool(auth, "properties.identityProviders.azureActiveDirectory.enabled"));
        Assert.False(Bool(auth, "properties.login.tokenStore.enabled"));
        Assert.True(Bool(auth, "properties.httpSettings.requireHttps"));

        // The module passes main.bicep's publicPaths parameter straight through.
        Assert.Equal("[parameters('publicPaths')]", Str(auth, "properties.globalValidation.excludedPaths"));
        var publicPaths = At(template.Root, "parameters.publicPaths.defaultValue")!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(["/healthz", "/refer", "/refer/*", "/m/*", "/api/referrals", "/css/*"], publicPaths);
        // Never a whole-API or dashboard wildcard.
        Assert.DoesNotContain(publicPaths, p => p is "/*" or "/api/*" or "/api/referrals/*");
    }

    [Fact]
    public void App_settings_are_the_names_PeerFlow_reads()
    {
        var settings = AppSettings();

        string[] required =
        [
            "FUNCTIONS_EXTENSION_VERSION",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri",
            "PEERFLOW_STORAGE_BLOB_URI",
            "PEERFLOW_STORAGE_QUEUE_URI",
            "PEERFLOW_STORAGE_TABLE_URI",
            "PEERFLOW_IDENTITY_CLIENT_ID",
            "PEERFLOW_TASK_HUB",
            "PEERFLOW_SENDGRID_API_KEY",
            "PEERFLOW_PUBLIC_BASE_URL",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        ];
        Assert.All(required, name => Assert.True(settings.ContainsKey(name), $"missing app setting {name}"));

        Assert.Equal("~4", Str(settings, "FUNCTIONS_EXTENSION_VERSION"));
        Assert.Equal("managedidentity", Str(settings, "AzureWebJobsStorage__credential"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Str(settings, "PEERFLOW_SENDGRID_API_KEY"), StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", Str(settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), StringComparison.Ordinal);
        Assert.Equal("PeerFlow", At(template.Root, "parameters.taskHub.defaultValue")!.GetValue<string>());

        // No key-based storage connection, and settings Flex Consumption rejects are absent.
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"));
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.False(settings.ContainsKey("WEBSITE_RUN_FROM_PACKAGE"));
    }

    [Fact]
    public void No_account_key_or_secret_value_is_read_or_written_by_the_template()
    {
        Assert.DoesNotContain("listKeys", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void Key_vault_uses_RBAC_with_soft_delete()
    {
        var vault = template.OnlyOfType("Microsoft.KeyVault/vaults");

        Assert.True(Bool(vault, "properties.enableRbacAuthorization"));
        Assert.True(Bool(vault, "properties.enableSoftDelete"));
        Assert.Null(At(vault, "properties.accessPolicies"));
    }

    [Fact]
    public void Application_Insights_is_workspace_based_and_accepts_only_Entra_ID_ingestion()
    {
        var appInsights = template.OnlyOfType("Microsoft.Insights/components");

        Assert.True(Bool(appInsights, "properties.DisableLocalAuth"));
        Assert.NotNull(Str(appInsights, "properties.WorkspaceResourceId"));
        Assert.Single(template.ResourcesOfType("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Outputs_name_what_the_deployment_guide_needs()
    {
        var outputs = template.Root["outputs"]!.AsObject();

        Assert.All(["appName", "defaultHostName", "identityClientId", "storageAccountName", "keyVaultName"],
            name => Assert.True(outputs.ContainsKey(name), $"missing output {name}"));
    }

    private JsonObject AuthSettings() =>
        template.ResourcesOfType("Microsoft.Web/sites/config").Single(c => LastSegment(Str(c, "name")!) == "authsettingsV2");

    private JsonObject AppSettings() =>
        template.ResourcesOfType("Microsoft.Web/sites/config").Single(c => LastSegment(Str(c, "name")!) == "appsettings")
            ["properties"]!.AsObject();

    // Names of child resources compile to e.g. "[format('{0}/{1}', parameters('name'), 'scm')]".
    private static string LastSegment(string name) =>
        name.Split('/', '\'').Last(s => s.Length > 0 && s != ")]" && s != ")").Trim();

    // "[resourceId('Microsoft.Storage/storageAccounts', parameters('x'))]" -> Microsoft.Storage/storageAccounts
    private static string ScopeType(string? scope) =>
        ResourceIdType().Match(scope ?? "") is { Success: true } m ? m.Groups[1].Value : $"<unexpected scope {scope}>";

    // The role definition ids an assignment uses: literal GUIDs, or variables (a string, or an
    // array of { id } iterated by copyIndex()) of the module that declares it.
    private static IEnumerable<string> RoleIds(JsonObject assignment, JsonObject moduleTemplate)
    {
        var expression = Str(assignment, "properties.roleDefinitionId") ?? "";
        foreach (Match literal in Guid().Matches(expression))
        {
            yield return literal.Value;
        }

        foreach (Match variable in VariableReference().Matches(expression))
        {
            switch (moduleTemplate["variables"]?[variable.Groups[1].Value])
            {
                case JsonArray items:
                    foreach (var item in items)
                    {
                        yield return item!["id"]!.GetValue<string>();
                    }

                    break;
                case JsonValue value:
                    yield return value.GetValue<string>();
                    break;
                default:
                    throw new InvalidOperationException($"cannot resolve {variable.Value} in {expression}");
            }
        }
    }

    [GeneratedRegex(@"resourceId\('([^']+)'")]
    private static partial Regex ResourceIdType();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}

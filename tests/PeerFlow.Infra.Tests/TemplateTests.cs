using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static PeerFlow.Infra.Tests.CompiledTemplate;

namespace PeerFlow.Infra.Tests;

/// <summary>The compiled ARM template has the settings PeerFlow's security and runtime depend on.</summary>
public partial class TemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string BlobContainer = "Microsoft.Storage/storageAccounts/blobServices/containers";
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
    public void Storage_account_has_the_private_deployment_package_container_and_the_apps_containers()
    {
        var containers = template.ResourcesOfType(BlobContainer);

        Assert.Equal(2, containers.Count); // the deployment package's, and a loop over the app's
        Assert.All(containers, c => Assert.Equal("None", Str(c, "properties.publicAccess")));
    }

    [Fact]
    public void Function_app_runs_the_dotnet_10_isolated_worker_on_Flex_Consumption_over_HTTPS_only()
    {
        var plan = template.OnlyOfType("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", Str(plan, "sku.name"));
        Assert.Equal("FlexConsumption", Str(plan, "sku.tier"));
        Assert.True(Bool(plan, "properties.reserved")); // Linux

        var site = template.OnlyOfType("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", Str(site, "kind"));
        Assert.True(Bool(site, "properties.httpsOnly"));
        Assert.Equal("1.2", Str(site, "properties.siteConfig.minTlsVersion"));
        Assert.Equal("UserAssigned", Str(site, "identity.type"));
        Assert.NotNull(Str(site, "properties.keyVaultReferenceIdentity"));

        // Flex takes the stack from functionAppConfig.runtime, not from app settings.
        Assert.Equal("dotnet-isolated", Str(site, "properties.functionAppConfig.runtime.name"));
        Assert.Equal("10.0", Str(site, "properties.functionAppConfig.runtime.version"));

        // Site properties Flex Consumption deprecates (FTPS does not exist there; the stack and
        // the scale limit moved into functionAppConfig).
        foreach (var deprecated in new[]
                 {
                     "ftpsState", "linuxFxVersion", "netFrameworkVersion", "alwaysOn", "use32BitWorkerProcess",
                     "functionAppScaleLimit", "preWarmedInstanceCount", "vnetRouteAllEnabled",
                 })
        {
            Assert.Null(At(site, $"properties.siteConfig.{deprecated}"));
        }

        // The deployment package is read with the managed identity, not a connection string.
        Assert.Equal("blobContainer", Str(site, "properties.functionAppConfig.deployment.storage.type"));
        Assert.Equal("UserAssignedIdentity", Str(site, "properties.functionAppConfig.deployment.storage.authentication.type"));
        Assert.Equal("[parameters('identityId')]", Str(site, "properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
    }

    [Fact]
    public void Always_ready_instances_are_off_by_default_and_name_the_http_and_durable_scale_groups()
    {
        var site = template.OnlyOfType("Microsoft.Web/sites");
        var alwaysReady = Str(site, "properties.functionAppConfig.scaleAndConcurrency.alwaysReady")!;

        Assert.Contains("createObject('name', 'http', 'instanceCount', parameters('alwaysReadyHttpInstances'))", alwaysReady, StringComparison.Ordinal);
        Assert.Contains("createObject('name', 'durable', 'instanceCount', parameters('alwaysReadyDurableInstances'))", alwaysReady, StringComparison.Ordinal);
        Assert.Equal(0, At(template.Root, "parameters.alwaysReadyHttpInstances.defaultValue")!.GetValue<int>());
        Assert.Equal(0, At(template.Root, "parameters.alwaysReadyDurableInstances.defaultValue")!.GetValue<int>());
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

        Assert.Equal(["Microsoft.Insights/components", "Microsoft.KeyVault/vaults", "Microsoft.Storage/storageAccounts", BlobContainer],
            byScope.Keys.Order(StringComparer.Ordinal));

        // No blob role on the whole account (issue 19 item 12): queues and tables only, which are made at run time.
        Assert.Equal(new[] { StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal),
            byScope["Microsoft.Storage/storageAccounts"]);
        Assert.Equal(new[] { StorageBlobDataContributor, StorageBlobDataOwner }.Order(StringComparer.Ordinal), byScope[BlobContainer]);
        Assert.Equal([MonitoringMetricsPublisher], byScope["Microsoft.Insights/components"]);
        Assert.Equal([KeyVaultSecretsUser], byScope["Microsoft.KeyVault/vaults"]);
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", Str(a, "properties.principalType")));

        // Six assignments (two of them one per container), each role once.
        var all = assignments.SelectMany(a => RoleIds(a, roles)).ToList();
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Count, all.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Every assignment is to the app's own identity.
        Assert.All(assignments, a => Assert.Equal(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2024-11-30').principalId]",
            Str(a, "properties.principalId")));
    }

    [Fact]
    public void Blob_Data_Owner_is_only_on_the_hosts_and_the_deployment_packages_containers_and_Contributor_only_on_the_task_hubs_and_the_key_ring()
    {
        var roles = template.ModuleTemplate("roles");
        var assignments = template.ResourcesOfType("Microsoft.Authorization/roleAssignments");
        var owner = Assert.Single(assignments, a => RoleIds(a, roles).Contains(StorageBlobDataOwner));
        var contributor = Assert.Single(assignments, a => RoleIds(a, roles).Contains(StorageBlobDataContributor));

        // One assignment per container, scoped to that container.
        Assert.Contains("variables('ownerContainers')[copyIndex()]", Str(owner, "scope"), StringComparison.Ordinal);
        Assert.Contains("parameters('dataContainerNames')[copyIndex()]", Str(contributor, "scope"), StringComparison.Ordinal);
        Assert.Equal("[concat(parameters('hostContainerNames'), createArray(parameters('deploymentContainerName')))]", Str(roles, "variables.ownerContainers"));

        // Which containers those are, as main.bicep names them.
        var containers = At(template.Root, "variables.blobContainers")!;
        Assert.Equal(["azure-webjobs-hosts", "azure-webjobs-secrets"], containers["host"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("app-package", containers["deployment"]!.GetValue<string>());
        Assert.Equal(
            ["[format('{0}-leases', toLower(parameters('taskHub')))]", "[format('{0}-applease', toLower(parameters('taskHub')))]", "[format('{0}-largemessages', toLower(parameters('taskHub')))]"],
            containers["taskHub"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("[format('{0}-keys', toLower(parameters('taskHub')))]", containers["keyRing"]!.GetValue<string>());

        var roleParameters = ModuleParameters("roles");
        Assert.Equal("[variables('blobContainers').host]", Str(roleParameters, "hostContainerNames.value"));
        Assert.Equal("[variables('blobContainers').deployment]", Str(roleParameters, "deploymentContainerName.value"));
        Assert.Equal("[concat(variables('blobContainers').taskHub, createArray(variables('blobContainers').keyRing))]", Str(roleParameters, "dataContainerNames.value"));

        // Every container a role is scoped to is made by the template, so the scope exists when the role is assigned.
        var storageParameters = ModuleParameters("storage");
        Assert.Equal("[concat(variables('blobContainers').host, variables('blobContainers').taskHub, createArray(variables('blobContainers').keyRing))]", Str(storageParameters, "appContainerNames.value"));
        Assert.Equal("[variables('blobContainers').deployment]", Str(storageParameters, "deploymentContainerName.value"));
    }

    [Fact]
    public void Storage_roles_are_on_the_account_that_host_storage_and_the_task_hub_use()
    {
        var roles = ModuleParameters("roles");
        var storageModule = ModuleParameters("storage");

        Assert.Equal("[variables('names').storage]", Str(roles, "storageAccountName.value"));
        Assert.Equal("[variables('names').storage]", Str(storageModule, "name.value"));
        Assert.Equal("[variables('names').identity]", Str(roles, "identityName.value"));
        Assert.Equal("[variables('names').identity]", Str(ModuleParameters("identity"), "name.value"));
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
        Assert.Equal(["/", "/healthz", "/refer", "/refer/*", "/m/*", "/api/referrals", "/api/links/*", "/css/*", "/status/*"], publicPaths);
        // Never a whole-API or dashboard wildcard.
        Assert.DoesNotContain(publicPaths, p => p is "/*" or "/api/*" or "/api/referrals/*" or "/referrals/*" or "/dashboard");
    }

    [Fact]
    public void App_settings_are_the_names_PeerFlow_reads()
    {
        var settings = AppSettings();

        string[] required =
        [
            "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri",
            "PEERFLOW_STORAGE_BLOB_URI",
            "PEERFLOW_STORAGE_TABLE_URI",
            "PEERFLOW_IDENTITY_CLIENT_ID",
            "AzureWebJobsDisableHomepage",
            "PEERFLOW_TASK_HUB",
            "PEERFLOW_SENDGRID_API_KEY",
            "PEERFLOW_HASH_KEY",
            "PEERFLOW_KEYRING_CERTIFICATE",
            "PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS",
            "PEERFLOW_MAIL_FROM",
            "PEERFLOW_MAIL_FROM_NAME",
            "PEERFLOW_TWILIO_ACCOUNT_SID",
            "PEERFLOW_TWILIO_AUTH_TOKEN",
            "PEERFLOW_TWILIO_FROM",
            "PEERFLOW_PUBLIC_BASE_URL",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "WEBSITE_AUTH_AAD_ALLOWED_TENANTS",
        ];
        Assert.All(required, name => Assert.True(settings.ContainsKey(name), $"missing app setting {name}"));

        Assert.Equal("[parameters('blobEndpoint')]", Str(settings, "PEERFLOW_STORAGE_BLOB_URI"));
        Assert.Equal("[parameters('tableEndpoint')]", Str(settings, "PEERFLOW_STORAGE_TABLE_URI"));
        Assert.Equal("[parameters('identityClientId')]", Str(settings, "PEERFLOW_IDENTITY_CLIENT_ID"));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Str(settings, "PEERFLOW_SENDGRID_API_KEY"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Str(settings, "PEERFLOW_HASH_KEY"), StringComparison.Ordinal);
        Assert.Contains("hashKeySecretName", Str(settings, "PEERFLOW_HASH_KEY"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Str(settings, "PEERFLOW_KEYRING_CERTIFICATE"), StringComparison.Ordinal);
        Assert.Contains("keyRingCertificateName", Str(settings, "PEERFLOW_KEYRING_CERTIFICATE"), StringComparison.Ordinal);
        Assert.Contains("keyRingPreviousCertificateVersion", Str(settings, "PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS"), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", Str(settings, "PEERFLOW_TWILIO_AUTH_TOKEN"), StringComparison.Ordinal);
        Assert.Contains("twilioAuthTokenSecretName", Str(settings, "PEERFLOW_TWILIO_AUTH_TOKEN"), StringComparison.Ordinal);
        Assert.Contains("empty(parameters('twilioAccountSid'))", Str(settings, "PEERFLOW_TWILIO_AUTH_TOKEN"), StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", Str(settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"), StringComparison.Ordinal);
    }

    [Fact]
    public void Task_hub_name_reaches_the_app_as_PEERFLOW_TASK_HUB()
    {
        Assert.Equal("[parameters('taskHub')]", Str(AppSettings(), "PEERFLOW_TASK_HUB"));
        Assert.Equal("[parameters('taskHub')]", Str(FunctionAppModuleParameters(), "taskHub.value"));
        Assert.Equal("PeerFlow", At(template.Root, "parameters.taskHub.defaultValue")!.GetValue<string>());
    }

    // Durable Functions' Azure Storage provider uses the AzureWebJobsStorage connection for its
    // task hub (queues, tables and blobs), so that connection must be identity-based, with the
    // user-assigned identity, and reach all three services of the one storage account.
    [Fact]
    public void Host_storage_is_identity_based_with_the_user_assigned_identity_for_blob_queue_and_table()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", Str(settings, "AzureWebJobsStorage__credential"));
        Assert.Equal("[parameters('identityClientId')]", Str(settings, "AzureWebJobsStorage__clientId"));
        Assert.Equal("[parameters('storageAccountName')]", Str(settings, "AzureWebJobsStorage__accountName"));
        Assert.Equal("[parameters('blobEndpoint')]", Str(settings, "AzureWebJobsStorage__blobServiceUri"));
        Assert.Equal("[parameters('queueEndpoint')]", Str(settings, "AzureWebJobsStorage__queueServiceUri"));
        Assert.Equal("[parameters('tableEndpoint')]", Str(settings, "AzureWebJobsStorage__tableServiceUri"));
        // Durable Functions accepts clientId, not managedIdentityResourceId.
        Assert.False(settings.ContainsKey("AzureWebJobsStorage__managedIdentityResourceId"));

        // All of them come from the one identity and the one storage account main.bicep creates.
        var parameters = FunctionAppModuleParameters();
        Assert.Equal("[reference('identity').outputs.clientId.value]", Str(parameters, "identityClientId.value"));
        Assert.Equal("[reference('identity').outputs.id.value]", Str(parameters, "identityId.value"));
        Assert.Equal("[reference('storage').outputs.name.value]", Str(parameters, "storageAccountName.value"));
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal($"[reference('storage').outputs.{service}Endpoint.value]", Str(parameters, $"{service}Endpoint.value"));
        }
    }

    [Fact]
    public void No_key_based_custom_handler_or_Flex_deprecated_app_setting_is_set()
    {
        var settings = AppSettings();

        string[] absent =
        [
            // A key-based host storage connection.
            "AzureWebJobsStorage",
            // The stack is functionAppConfig.runtime on Flex; the rest is set by the platform,
            // replaced by functionAppConfig, or unsupported (Flex Consumption plan deprecations).
            "FUNCTIONS_WORKER_RUNTIME",
            "FUNCTIONS_WORKER_RUNTIME_VERSION",
            "FUNCTIONS_EXTENSION_VERSION",
            "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTSHARE",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
            "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
            "SCM_DO_BUILD_DURING_DEPLOYMENT",
            "ENABLE_ORYX_BUILD",
            "WEBSITE_TIME_ZONE",
            "TZ",
            // PeerFlow's own work queues went with the custom handler.
            "PEERFLOW_STORAGE_QUEUE_URI",
        ];
        Assert.All(absent, name => Assert.False(settings.ContainsKey(name), $"unexpected app setting {name}"));
        Assert.DoesNotContain(settings, s => s.Key.StartsWith("FUNCTIONS_CUSTOMHANDLER", StringComparison.OrdinalIgnoreCase));

        // Nothing of the custom handler is left in the template: no 'custom' runtime, no customHandler.
        var site = template.OnlyOfType("Microsoft.Web/sites");
        Assert.NotEqual("custom", Str(site, "properties.functionAppConfig.runtime.name"));
        Assert.DoesNotContain("customHandler", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CUSTOMHANDLER", template.Text, StringComparison.OrdinalIgnoreCase);
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
        Assert.Equal(2, template.ResourcesOfType("Microsoft.OperationalInsights/workspaces").Count); // one workspace, declared again to name its default rule
    }

    [Fact]
    public void The_workspace_rewrites_link_tokens_out_of_request_dependency_and_trace_telemetry_as_it_arrives()
    {
        var rule = template.OnlyOfType("Microsoft.Insights/dataCollectionRules");
        Assert.Equal("WorkspaceTransforms", Str(rule, "kind"));
        var flows = rule["properties"]!["dataFlows"]!.AsArray();
        var byStream = flows.ToDictionary(f => f!["streams"]![0]!.GetValue<string>(), f => Str(f, "transformKql")!);
        Assert.Equal(["Microsoft-Table-AppDependencies", "Microsoft-Table-AppRequests", "Microsoft-Table-AppTraces"], byStream.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'Url'", byStream["Microsoft-Table-AppRequests"], StringComparison.Ordinal);
        Assert.Contains("'Name'", byStream["Microsoft-Table-AppRequests"], StringComparison.Ordinal);
        Assert.Contains("'Data'", byStream["Microsoft-Table-AppDependencies"], StringComparison.Ordinal);
        Assert.Contains("'Message'", byStream["Microsoft-Table-AppTraces"], StringComparison.Ordinal);
        Assert.All(byStream.Values, kql => Assert.Contains("variables('redact')", kql, StringComparison.Ordinal));

        // The rule is the workspace's default, and the workspace's second declaration keeps what the first gives it.
        var workspaces = template.ResourcesOfType("Microsoft.OperationalInsights/workspaces");
        Assert.Equal(2, workspaces.Count);
        Assert.Single(workspaces, w => Str(w, "properties.defaultDataCollectionRuleResourceId") is { Length: > 0 });
        Assert.All(workspaces, w => Assert.Equal("[parameters('retentionInDays')]", Str(w, "properties.retentionInDays")));
        Assert.All(workspaces, w => Assert.Equal("PerGB2018", Str(w, "properties.sku.name")));
        Assert.All(workspaces, w => Assert.True(Bool(w, "properties.features.enableLogAccessUsingOnlyResourcePermissions")));
        Assert.Equal("[parameters('logRetentionInDays')]", Str(ModuleParameters("telemetry-redaction"), "retentionInDays.value"));
        Assert.Equal("[parameters('logRetentionInDays')]", Str(ModuleParameters("monitoring"), "retentionInDays.value"));
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

    private JsonObject FunctionAppModuleParameters() => ModuleParameters("functionapp");

    // The parameters main.bicep passes to one module deployment.
    private JsonObject ModuleParameters(string deploymentName) =>
        template.ResourcesOfType("Microsoft.Resources/deployments")
            .Single(d => Str(d, "name") == deploymentName)["properties"]!["parameters"]!.AsObject();

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

using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Digest.Functions.Tests.Support;

namespace Digest.Functions.Tests.Infra;

/// <summary>
/// infra/ compiled with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64): <c>bicep build</c> and
/// <c>bicep lint</c> without a warning, and the compiled template's key properties — shared keys off, the identity
/// and its roles, identity-based host storage, secrets by Key Vault reference, the schedules as app settings.
/// </summary>
public sealed class InfraTemplateTests
{
    private static readonly string MainBicep = Path.Combine(RepoPaths.Root, "infra", "main.bicep");

    private static readonly Lazy<JsonNode> Compiled = new(() =>
    {
        var (exit, stdout, stderr) = Bicep("build", MainBicep, "--stdout");
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    });

    [Fact]
    public void Bicep_build_has_no_warnings()
    {
        var (exit, _, stderr) = Bicep("build", MainBicep, "--stdout");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr.Trim());
    }

    [Fact]
    public void Bicep_lint_has_no_warnings()
    {
        var (exit, stdout, stderr) = Bicep("lint", MainBicep);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal("", (stdout + stderr).Trim());
    }

    [Fact]
    public void The_template_deploys_at_subscription_scope_into_its_own_resource_group()
    {
        Assert.Contains("subscriptionDeploymentTemplate", Compiled.Value["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        var group = Resources(Compiled.Value).Single(r => Type(r) == "Microsoft.Resources/resourceGroups");
        Assert.Contains("rg-", group["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_public_blobs()
    {
        var storage = Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_is_flex_consumption_dotnet_10_isolated_with_the_user_assigned_identity()
    {
        var plan = Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());

        var site = Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site["kind"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Contains("api", site["tags"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(site["properties"]!["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void The_identity_holds_the_storage_key_vault_and_monitoring_roles()
    {
        var roles = Module()["variables"]!["roles"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", roles["storageBlobDataOwner"]);
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles["storageQueueDataContributor"]);
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles["storageTableDataContributor"]);
        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", roles["keyVaultSecretsUser"]);

        var identityAssignments = Resources(Module()).Where(r => Type(r) == "Microsoft.Authorization/roleAssignments")
            .Where(r => r["properties"]!["principalId"]!.GetValue<string>().Contains("userAssignedIdentities", StringComparison.Ordinal))
            .Select(r => r["properties"]!["roleDefinitionId"]!.GetValue<string>())
            .ToList();
        foreach (var role in new[] { "storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor", "keyVaultSecretsUser", "monitoringMetricsPublisher" })
        {
            Assert.Single(identityAssignments, id => id.Contains($"variables('roles').{role}", StringComparison.Ordinal));
        }

        Assert.All(Resources(Module()).Where(r => Type(r) == "Microsoft.Authorization/roleAssignments"),
            r => Assert.StartsWith("[guid(", r["name"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void App_settings_use_the_identity_for_host_storage_key_vault_for_secrets_and_carry_the_schedules()
    {
        var settings = Single("Microsoft.Web/sites/config")["properties"]!.GetValue<string>();
        // union(...) of the settings object: read the literal keys and values of the expression.
        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", settings, StringComparison.Ordinal);
        foreach (var key in new[] { "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
                     "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Digest__Sources" })
        {
            Assert.Contains($"'{key}'", settings, StringComparison.Ordinal);
        }

        Assert.Contains("'FetchSchedule', parameters('fetchSchedule')", settings, StringComparison.Ordinal);
        Assert.Contains("'BriefingSchedule', parameters('briefingSchedule')", settings, StringComparison.Ordinal);
        Assert.Contains("'Digest__TokenSigningKey', format('{0}token-signing-key)', variables('secretReference'))", settings, StringComparison.Ordinal);
        // Required by the app at start-up (the links of every mail), so the template must set it.
        Assert.Contains("'Digest__PublicBaseUrl', format('https://{0}/', reference(", settings, StringComparison.Ordinal);
        Assert.Contains("'Digest__SiteBaseUrl', reference(resourceId('Microsoft.Storage/storageAccounts'", settings, StringComparison.Ordinal);
        Assert.Contains("'2023-05-01').primaryEndpoints.web)", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("'AzureWebJobsStorage',", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", Compiled.Value.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(VaultName=", Module()["variables"]!.ToJsonString(), StringComparison.Ordinal);

        var vault = Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void Secrets_are_secure_parameters_and_no_output_carries_one()
    {
        var parameters = Compiled.Value["parameters"]!;
        Assert.Equal("securestring", parameters["tokenSigningKey"]!["type"]!.GetValue<string>());
        Assert.Equal("securestring", parameters["sendGridApiKey"]!["type"]!.GetValue<string>());
        var outputs = Compiled.Value["outputs"]!.ToJsonString();
        Assert.DoesNotContain("tokenSigningKey", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("sendGridApiKey", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_parameter_without_a_default_comes_from_the_azd_environment()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var required = Compiled.Value["parameters"]!.AsObject().Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(file.ContainsKey(name), $"{name} is not in main.parameters.json"));
        Assert.Equal("${AZURE_ENV_NAME}", file["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", file["location"]!["value"]!.GetValue<string>());
        Assert.All(file.Select(p => p.Key), name => Assert.True(Compiled.Value["parameters"]![name] is not null, $"{name} is not a parameter"));
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_the_api_service()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        Assert.Contains("project: ./src/Digest.Functions/", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("  api:", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void After_each_provision_azd_switches_on_static_website_hosting_for_the_account_the_template_outputs()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        var hook = yaml[yaml.IndexOf("  postprovision:", StringComparison.Ordinal)..];
        Assert.Contains("run: dotnet run --project src/Digest.Cli --configuration Release -- site enable --account \"$AZURE_STORAGE_ACCOUNT_NAME\"", hook, StringComparison.Ordinal);
        Assert.Contains("run: dotnet run --project src/Digest.Cli --configuration Release -- site enable --account $env:AZURE_STORAGE_ACCOUNT_NAME", hook, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src", "Digest.Cli", "Digest.Cli.csproj")));

        // The hook reads the account from the azd environment, which holds the template's outputs; the site's address too.
        var outputs = Compiled.Value["outputs"]!;
        Assert.Contains("storageAccountName", outputs["AZURE_STORAGE_ACCOUNT_NAME"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("siteUrl", outputs["DIGEST_SITE_URL"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var moduleOutputs = Module()["outputs"]!;
        Assert.Contains("primaryEndpoints.web", moduleOutputs["siteUrl"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonNode Module()
        => Resources(Compiled.Value).Single(r => Type(r) == "Microsoft.Resources/deployments")["properties"]!["template"]!;

    private static JsonNode Single(string type) => Resources(Module()).Single(r => Type(r) == type);

    private static string? Type(JsonNode resource) => resource["type"]?.GetValue<string>();

    /// <summary>Resources as an array, or keyed by symbolic name (languageVersion 2.0).</summary>
    private static IEnumerable<JsonNode> Resources(JsonNode template)
        => template["resources"] switch
        {
            JsonArray array => array.Select(r => r!),
            JsonObject named => named.Select(p => p.Value!),
            _ => [],
        };

    private static (int Exit, string Stdout, string Stderr) Bicep(params string[] args)
    {
        var path = typeof(InfraTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Bicep").Value!;
        Assert.True(File.Exists(path), $"bicep not found at {path}: restore tests/Digest.Functions.Tests (PackageDownload).");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No telemetry, and no check for a newer version: the tests run offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "bicep did not finish in 2 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

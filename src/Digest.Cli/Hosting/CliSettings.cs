using Digest.Infrastructure.Subscribers;

namespace Digest.Cli.Hosting;

/// <summary>
/// The settings a CLI verb gives the app's composition root: its flags as the app settings the Functions app reads
/// (<c>Digest:Sources</c>, <c>Digest:Data</c>, <c>Digest:Storage</c>), laid over the environment (<c>Digest__*</c>,
/// <c>AzureWebJobsStorage</c>), so one configuration serves <c>digest run</c>, <c>digest serve</c> and the app.
/// </summary>
internal static class CliSettings
{
    public static Dictionary<string, string?> From(string sourcesPath, string dataDirectory, string? storage,
        Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Digest:Sources"] = Path.GetFullPath(sourcesPath),
            ["Digest:Data"] = Path.GetFullPath(dataDirectory),
            ["Digest:HostJson"] = environment("Digest__HostJson") ?? Path.Combine(AppContext.BaseDirectory, "host.json"),
        };
        if (storage is not null)
        {
            settings["Digest:Storage"] = storage;
        }

        // The key `digest subscribers` reads, so every verb computes the same subscriber ids over one storage account.
        if (environment("Digest__TokenSigningKey") is null && environment(TokenSigningKey.Variable) is { Length: > 0 } signingKey)
        {
            settings["Digest:TokenSigningKey"] = signingKey;
        }

        return settings;
    }
}

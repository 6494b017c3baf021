using System.CommandLine;
using System.Globalization;
using Digest.Infrastructure.Configuration;

namespace Digest.Cli.Commands;

/// <summary>Options several verbs share, with one spelling and one meaning (a public contract: README, "CLI").</summary>
internal static class CommonOptions
{
    public const string DefaultDataDirectory = "digest-data";

    public static Option<string?> Sources() => new("--sources")
    {
        Description = "The sources file. Default: the sample corpus, samples/sources.json.",
    };

    public static Option<string> Data() => new("--data")
    {
        Description = "The data folder (blobs, queues, outbox).",
        DefaultValueFactory = _ => DefaultDataDirectory,
    };

    public static Option<string?> Storage() => new("--storage")
    {
        Description = "An Azure Storage connection string (e.g. UseDevelopmentStorage=true for Azurite): blobs and queues go there " +
                      "instead of the data folder, which keeps the outbox. Default: AzureWebJobsStorage or Digest__Storage from the environment, else the data folder.",
    };

    public static Option<string?> Now() => new("--now")
    {
        Description = "The time to run at, ISO-8601 (e.g. 2026-03-12T18:00:00Z). Default: now, or the sources file's defaultNow.",
    };

    /// <summary>The given sources file, else the sample corpus next to the current folder or next to the program.</summary>
    public static string ResolveSources(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        string[] candidates =
        [
            Path.Combine(Directory.GetCurrentDirectory(), "samples", "sources.json"),
            Path.Combine(AppContext.BaseDirectory, "samples", "sources.json"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ConfigurationException("No --sources given and no samples/sources.json found here or beside the program.");
    }

    public static DateTimeOffset ResolveNow(string? given, DateTimeOffset? defaultNow, TextWriter reporter)
    {
        if (given is not null)
        {
            return ParseTime(given, "--now");
        }

        if (defaultNow is { } pinned)
        {
            reporter.WriteLine($"Using the sources file's defaultNow, {pinned.ToString("O", CultureInfo.InvariantCulture)} (pass --now to override).");
            return pinned;
        }

        return TimeProvider.System.GetUtcNow();
    }

    /// <summary>The range of times a run may be pinned to: wide enough for any archive, far from DateTimeOffset's limits.</summary>
    public static readonly DateTimeOffset EarliestTime = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestTime = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset ParseTime(string value, string optionName)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw new ConfigurationException($"{optionName}: \"{Core.Safety.SafeText.ForTerminal(value)}\" is not an ISO-8601 time such as 2026-03-12T18:00:00Z.");
        }

        // Windows and retry delays are added to and taken from this time; near the ends of the calendar that overflows.
        if (parsed < EarliestTime || parsed >= LatestTime)
        {
            throw new ConfigurationException($"{optionName}: {value} is outside the supported range, 1970-01-01 to 2199-12-31.");
        }

        return parsed;
    }
}

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The logger categories of the app (a public contract: README, "Logs"). Each stage logs under its own category, so
/// a host can filter or route one stage (<c>Logging:LogLevel:Digest.Stages.Extract</c>), and the CLI prefixes each line
/// with its stage (<c>[extract] …</c>).
/// </summary>
public static class DigestLogCategories
{
    /// <summary>Storage, queues and start-up: what belongs to no one stage.</summary>
    public const string Host = "Digest";

    /// <summary>The prefix of the stage categories below.</summary>
    public const string StagePrefix = "Digest.Stages.";

    /// <summary>The fetch timer and the <c>feeds</c> queue: reading feeds, queueing their new items.</summary>
    public const string Fetch = StagePrefix + "Fetch";

    /// <summary>The <c>pages</c> queue: downloading and extracting pages.</summary>
    public const string Extract = StagePrefix + "Extract";

    /// <summary>The <c>articles</c> queue and the fold: stories, coverage diffs, summaries.</summary>
    public const string Process = StagePrefix + "Process";

    /// <summary>The briefing timer and the manual run: composing, archiving and sending briefings.</summary>
    public const string Brief = StagePrefix + "Brief";

    /// <summary>The archive site: pages written after each briefing.</summary>
    public const string Site = StagePrefix + "Site";

    /// <summary>Subscribing, confirming and unsubscribing.</summary>
    public const string Subscriptions = StagePrefix + "Subscriptions";

    /// <summary>The stage's short name, as the CLI prints it (<c>Digest.Stages.Fetch</c> → <c>fetch</c>), or null.</summary>
    public static string? StageOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.StartsWith(StagePrefix, StringComparison.Ordinal) && category.Length > StagePrefix.Length
            ? category[StagePrefix.Length..].ToLowerInvariant()
            : null;
    }
}

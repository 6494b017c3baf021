namespace Digest.Core.Sources;

/// <summary>
/// The sources file (README, "Sources file"). Only <see cref="Sources"/> is required.
/// </summary>
public sealed record SourcesConfig
{
    public required IReadOnlyList<SourceConfig> Sources { get; init; }

    /// <summary>Who receives the briefing: only addresses that passed validation. Defaults to nobody: the briefing is still archived.</summary>
    public IReadOnlyList<string> Subscribers { get; init; } = [];

    /// <summary>Sender address of the briefing email.</summary>
    public string? From { get; init; }

    /// <summary>
    /// The clock to use when <c>--now</c> is not given. Only for frozen corpora such as <c>samples/</c>, whose articles
    /// were written for fixed dates; a live configuration leaves it out.
    /// </summary>
    public DateTimeOffset? DefaultNow { get; init; }

    /// <summary>Budgets that bound the work one run does for any source.</summary>
    public FetchLimits Limits { get; init; } = FetchLimits.Default;

    /// <summary>
    /// Internal hosts (names or IP literals) pages may be fetched from, beyond the hosts of the sources themselves,
    /// which are always allowed: the operator chose them.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Internal networks (CIDR, such as <c>10.0.0.0/8</c>) pages may be fetched from.</summary>
    public IReadOnlyList<string> AllowedNetworks { get; init; } = [];

    /// <summary>Problems found in the file that did not stop it from being used (a bad subscriber address, say).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>One outlet. <see cref="Url"/> is a feed (RSS, Atom, JSON Feed) over http(s) or file:.</summary>
public sealed record SourceConfig
{
    public required string Name { get; init; }
    public required Uri Url { get; init; }

    /// <summary>CSS-like selectors (tag, #id, .class) whose elements the extractor keeps as the body, for templates heuristics miss.</summary>
    public IReadOnlyList<string> KeepSelectors { get; init; } = [];

    /// <summary>Selectors whose elements the extractor always drops.</summary>
    public IReadOnlyList<string> DropSelectors { get; init; } = [];
}

/// <summary>
/// What one run may spend on the sources (README, "Limits"). A feed of 200,000 items, pages that never answer or a
/// flood of new items cost at most these budgets per run; what is left over is taken on the next run.
/// </summary>
public sealed record FetchLimits
{
    public static FetchLimits Default { get; } = new();

    /// <summary>New items downloaded per source per run; the feed's other new items wait for the next run.</summary>
    public int MaxNewItemsPerSource { get; init; } = 50;

    /// <summary>Sources fetched at the same time.</summary>
    public int ConcurrentSources { get; init; } = 4;

    /// <summary>Pages of one source downloaded at the same time (the fetcher adds a per-host limit of its own).</summary>
    public int ConcurrentPages { get; init; } = 2;

    /// <summary>
    /// How far a page's claimed publication time may precede the first time Digest saw the item, for a source already
    /// being followed. A page claiming to be older is dated this far back and flagged, so a back-dated copy cannot be
    /// credited with news that others reported first.
    /// </summary>
    public TimeSpan BackdateTolerance { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Wait before trying a failed page again; doubles with each failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Failed downloads of one page before it is given up (marked seen and never fetched again).</summary>
    public int MaxPageAttempts { get; init; } = 6;

    /// <summary>The wait after the <paramref name="failures"/>-th failure of one page.</summary>
    public TimeSpan RetryDelayAfter(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var ticks = Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}

namespace Digest.Core.Sources;

/// <summary>
/// The sources file (README, "Sources file"). Only <see cref="Sources"/> is required.
/// </summary>
public sealed record SourcesConfig
{
    public required IReadOnlyList<SourceConfig> Sources { get; init; }

    /// <summary>Who receives the briefing. Defaults to nobody: the briefing is still archived.</summary>
    public IReadOnlyList<string> Subscribers { get; init; } = [];

    /// <summary>Sender address of the briefing email.</summary>
    public string? From { get; init; }

    /// <summary>
    /// The clock to use when <c>--now</c> is not given. Only for frozen corpora such as <c>samples/</c>, whose articles
    /// were written for fixed dates; a live configuration leaves it out.
    /// </summary>
    public DateTimeOffset? DefaultNow { get; init; }
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

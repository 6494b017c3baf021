namespace Digest.Core.Sources;

/// <summary>
/// What is known about a page that failed to download, <c>state/page-failures/&lt;sourceId&gt;/&lt;articleId&gt;.json</c>:
/// written on every failure, deleted when the page is finally archived, and kept with <see cref="GaveUp"/> once it has
/// failed <see cref="FetchLimits.MaxPageAttempts"/> times, so the operator (and the outlet page) can see what is
/// failing and why. The retry itself is driven by the page message, not by this record.
/// </summary>
public sealed record PageFailure
{
    public required string ArticleId { get; init; }
    public required string SourceId { get; init; }
    public required Uri Url { get; init; }
    public required int Failures { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastAttempt { get; init; }

    /// <summary>When the next attempt is due; absent once given up.</summary>
    public DateTimeOffset? NextAttempt { get; init; }

    public string? LastError { get; init; }
    public bool GaveUp { get; init; }
}

namespace Digest.Core.Diagnostics;

/// <summary>Where the stages tell what they are doing: the terminal for the CLI, the function log on Azure.</summary>
public interface IRunReporter
{
    void Info(string message);

    /// <summary>Something went wrong but the run goes on (a source failed, a page was not an article).</summary>
    void Warning(string message);

    /// <summary>A report about one source, article or story: the text for people, <paramref name="subject"/> as fields.</summary>
    void Info(string message, ReportSubject subject) => Info(message);

    /// <inheritdoc cref="Info(string, ReportSubject)"/>
    void Warning(string message, ReportSubject subject) => Warning(message);
}

/// <summary>
/// What a report is about, as fields a log sink can filter and join on (<c>SourceId</c>, <c>ArticleId</c>,
/// <c>StoryId</c>, <c>Url</c>): the ids are the archive's own (README, "Blob layout"), so a log event leads to its blob.
/// </summary>
public readonly record struct ReportSubject(string? SourceId = null, string? ArticleId = null, string? StoryId = null, string? Url = null)
{
    public static ReportSubject Source(string sourceId) => new(SourceId: sourceId);

    public static ReportSubject Page(string sourceId, string? articleId, string? url) => new(sourceId, articleId, Url: url);

    public static ReportSubject Article(string articleId, string? storyId = null) => new(ArticleId: articleId, StoryId: storyId);

    public static ReportSubject Story(string storyId) => new(StoryId: storyId);
}

/// <summary>Reports nothing; for tests and batch tools.</summary>
public sealed class SilentReporter : IRunReporter
{
    public static SilentReporter Instance { get; } = new();

    public void Info(string message) { }

    public void Warning(string message) { }
}

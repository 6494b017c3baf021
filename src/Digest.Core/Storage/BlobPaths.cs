using System.Globalization;

namespace Digest.Core.Storage;

/// <summary>
/// Paths of every blob the product writes, inside the containers of <see cref="Containers"/>. Part of the public blob
/// layout contract (README, "Blob layout").
/// </summary>
public static class BlobPaths
{
    /// <summary><c>articles/&lt;articleId&gt;.json</c></summary>
    public static string Article(string articleId) => $"{articleId}.json";

    /// <summary><c>raw/&lt;articleId&gt;.html</c>: the page exactly as downloaded.</summary>
    public static string RawPage(string articleId) => $"{articleId}.html";

    /// <summary><c>state/sources/&lt;sourceId&gt;.json</c></summary>
    public static string SourceState(string sourceId) => $"sources/{sourceId}.json";

    /// <summary><c>state/page-failures/&lt;sourceId&gt;/&lt;articleId&gt;.json</c>: a page that failed to download (<c>PageFailure</c>).</summary>
    public static string PageFailure(string sourceId, string articleId) => $"page-failures/{sourceId}/{articleId}.json";

    /// <summary><c>state/poison/&lt;queue&gt;/&lt;messageId&gt;.json</c>: why a message was moved to its poison queue.</summary>
    public static string PoisonRecord(string queue, string messageId) => $"poison/{queue}/{messageId}.json";

    /// <summary><c>state/activity/&lt;yyyy-MM-dd&gt;/&lt;articleId&gt;.json</c>: processed articles by UTC publication day, so a briefing finds its window's stories without reading the archive.</summary>
    public static string ActivityDay(DateOnly day) => $"activity/{Day(day)}/";

    public static string Activity(DateOnly day, string articleId) => $"{ActivityDay(day)}{articleId}.json";

    /// <summary><c>stories/&lt;storyId&gt;.json</c></summary>
    public static string Story(string storyId) => $"{storyId}.json";

    /// <summary><c>briefings/&lt;yyyy-MM-dd&gt;.&lt;extension&gt;</c> with extension json, html or txt.</summary>
    public static string Briefing(DateOnly day, string extension) => $"{Day(day)}.{extension}";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Digest.Core.Processing;

/// <summary>
/// An article waiting to be folded into the stories: <c>state/pending/&lt;key&gt;.json</c>. The key sorts in the order
/// "earlier coverage" is judged in — publication time (UTC, to the tick), ties broken by article id — so listing the
/// folder gives the fold its order whatever order the articles arrived in.
/// </summary>
public sealed record PendingArticle(string ArticleId, DateTimeOffset Published)
{
    public const string Folder = "pending/";

    public string Key => KeyOf(Published, ArticleId);

    public string Path => Folder + Key + ".json";

    public DateOnly Day => DateOnly.FromDateTime(Published.UtcDateTime);

    public static string KeyOf(DateTimeOffset published, string articleId)
        => published.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture) + "_" + articleId;

    /// <summary>The smallest key of a day: every article published on <paramref name="day"/> or later sorts after it.</summary>
    public static string FirstKeyOf(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T";
}

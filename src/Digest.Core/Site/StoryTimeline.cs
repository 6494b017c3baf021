using System.Globalization;
using System.Net;
using System.Text;
using Digest.Core.Articles;
using Digest.Core.Safety;
using Digest.Core.Stories;

namespace Digest.Core.Site;

/// <summary>
/// A story page's body: the story so far, the numbers as they changed ("ships waiting: 14 → 23 → 31"), then each
/// article in publication order with its outlet, time and what it added — the sentences that were new, the quotes with
/// who said them, the numbers it changed — and how much of it earlier coverage had already reported, and who first.
/// Near-copies (a wire story republished by another outlet) are folded under the article they copy.
/// </summary>
internal static class StoryTimeline
{
    /// <summary>New sentences shown per article: the rest is in the article.</summary>
    public const int MaxNewSentences = 5;

    public static string Render(string path, Story story, IReadOnlyList<Article> members, Func<Article, string> outletLink)
    {
        var byId = members.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var copies = new HashSet<string>(story.NearDuplicateArticleIds.Where(byId.ContainsKey), StringComparer.Ordinal);
        var copiesOf = members.Where(a => copies.Contains(a.Id))
            .GroupBy(a => OriginalOf(a, byId, copies) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var html = new StringBuilder();
        if (story.Summary.Count > 0)
        {
            html.Append("<section><h2>The story so far</h2><p>")
                .Append(E(string.Join(' ', story.Summary.Select(s => s.Text)))).Append("</p></section>");
        }

        AppendNumbers(html, members);
        html.Append("<section><h2>Timeline</h2><ol>");
        foreach (var article in members)
        {
            // A copy is shown under its original; one whose original is not in the archive stands on its own.
            if (copies.Contains(article.Id) && OriginalOf(article, byId, copies) is not null)
            {
                continue;
            }

            html.Append("<li>");
            AppendHeader(html, article, outletLink);
            AppendAdded(html, article, byId);
            if (copiesOf.TryGetValue(article.Id, out var carried))
            {
                html.Append("<p>Also carried by ");
                html.AppendJoin(", ", carried.Select(c => outletLink(c) + " (" + TimeElement(c.Published) + ")"));
                html.Append(".</p>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol></section>").ToString();
    }

    private static void AppendHeader(StringBuilder html, Article article, Func<Article, string> outletLink)
    {
        var url = SafeUrl.HttpOrNull(article.CanonicalUrl) ?? SafeUrl.HttpOrNull(article.Url);
        html.Append("<h3><strong>").Append(outletLink(article)).Append("</strong> ").Append(TimeElement(article.Published)).Append(' ')
            .Append(url is null ? E(article.Title) : "<a href=\"" + E(url.AbsoluteUri) + "\">" + E(article.Title) + "</a>").Append("</h3>");
    }

    private static void AppendAdded(StringBuilder html, Article article, Dictionary<string, Article> byId)
    {
        if (article.Novelty is not { } novelty)
        {
            if (article.Summary is { Count: > 0 } summary)
            {
                html.Append("<p>").Append(E(string.Join(' ', summary))).Append("</p>");
            }

            return;
        }

        var added = new StringBuilder();
        foreach (var sentence in novelty.New.Take(MaxNewSentences))
        {
            added.Append("<li>").Append(E(sentence)).Append("</li>");
        }

        foreach (var quote in novelty.Quotes.Where(q => q.IsNew))
        {
            added.Append("<li><q>").Append(E(quote.Text)).Append("</q>")
                .Append(quote.Speaker is { Length: > 0 } speaker ? " — " + E(speaker) : "").Append("</li>");
        }

        foreach (var update in novelty.Updates)
        {
            added.Append("<li>").Append(E(update.Label)).Append(": ").Append(E(update.Previous)).Append(" → ").Append(E(update.Current))
                .Append(FirstBy(update.PreviousSeenIn, byId) is { } earlier ? " <small>(was " + E(update.Previous) + " per " + E(earlier) + ")</small>" : "")
                .Append("</li>");
        }

        if (added.Length > 0)
        {
            html.Append("<p>What it added:</p><ul>").Append(added).Append("</ul>");
        }
        else if (novelty.Repeated.Count > 0)
        {
            html.Append("<p>Nothing new.</p>");
        }

        if (novelty.Repeated.Count > 0)
        {
            var first = FirstBy(novelty.Repeated.SelectMany(r => r.SeenIn), byId);
            html.Append("<p><small>").Append(novelty.Repeated.Count.ToString(CultureInfo.InvariantCulture))
                .Append(novelty.Repeated.Count == 1 ? " sentence" : " sentences").Append(" already reported")
                .Append(first is null ? "" : ", first by " + E(first)).Append(".</small></p>");
        }
    }

    /// <summary>Each number label's values in publication order, where it changed at least once.</summary>
    private static void AppendNumbers(StringBuilder html, IReadOnlyList<Article> members)
    {
        var series = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var update in members.SelectMany(a => a.Novelty?.Updates ?? []))
        {
            if (!series.TryGetValue(update.Label, out var values))
            {
                series[update.Label] = values = [update.Previous];
            }

            if (!string.Equals(values[^1], update.Current, StringComparison.Ordinal))
            {
                values.Add(update.Current);
            }
        }

        var changed = series.Where(s => s.Value.Count > 1).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        html.Append("<section><h2>Numbers over time</h2><ul>");
        foreach (var (label, values) in changed)
        {
            html.Append("<li>").Append(E(label)).Append(": ").AppendJoin(" → ", values.Select(E)).Append("</li>");
        }

        html.Append("</ul></section>");
    }

    /// <summary>The earliest archived article a copy repeats, other than the copies themselves.</summary>
    private static string? OriginalOf(Article copy, Dictionary<string, Article> byId, HashSet<string> copies)
        => copy.Novelty?.Repeated.SelectMany(r => r.SeenIn).Distinct(StringComparer.Ordinal)
            .Where(id => byId.ContainsKey(id) && !copies.Contains(id) && byId[id].Published <= copy.Published)
            .OrderBy(id => byId[id].Published).ThenBy(id => id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The outlet of the earliest of <paramref name="articleIds"/> in the archive.</summary>
    private static string? FirstBy(IEnumerable<string> articleIds, Dictionary<string, Article> byId)
        => articleIds.Where(byId.ContainsKey).Select(id => byId[id])
            .OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault()?.Outlet;

    public static string TimeElement(DateTimeOffset time)
        => "<time datetime=\"" + E(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)) + "\">"
           + E(DisplayTime(time)) + "</time>";

    /// <summary>How the site shows a time to people: UTC, as the archive keeps it.</summary>
    public static string DisplayTime(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

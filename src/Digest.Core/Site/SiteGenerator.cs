using System.Globalization;
using System.Net;
using System.Text;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Safety;
using Digest.Core.Stories;

namespace Digest.Core.Site;

/// <summary>One page of the site: its <see cref="SitePaths"/> path and its UTF-8 bytes.</summary>
public sealed record SitePage(string Path, ReadOnlyMemory<byte> Content);

/// <summary>
/// The static archive from what the archive holds, with no clock and no I/O: the same archive always gives the same
/// bytes, so a rebuild that changes nothing uploads nothing. Everything from articles is HTML-encoded with the encoder
/// the mail renderer uses, and only http(s) addresses become links (<see cref="SafeUrl"/>).
/// </summary>
public static class SiteGenerator
{
    public static IReadOnlyList<SitePage> Generate(IEnumerable<Briefing> briefings, IEnumerable<Story> stories, IEnumerable<Article> articles)
    {
        var byDate = briefings.OrderByDescending(b => b.Date).ToList();
        // Unsafe ids cannot name a page; such stories are shown without a link rather than failing the whole site.
        var storyById = stories.Where(s => SitePaths.IsSafeId(s.Id)).GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var articleById = articles.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var pages = new List<SitePage> { Page(SitePaths.Home, "Digest", Home(byDate), SitePaths.Feed) };
        pages.AddRange(byDate.Select(b => Page(SitePaths.Briefing(b.Date), Heading(b), BriefingBody(b, storyById))));
        pages.AddRange(storyById.Values.Select(s => Page(SitePaths.Story(s.Id), s.Title, StoryBody(s, articleById), SitePaths.StoryFeed(s.Id))));
        pages.Add(SiteFeeds.Briefings(byDate));
        pages.AddRange(storyById.Values.Select(s => SiteFeeds.Story(s, Members(s, articleById))));
        pages.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return pages;
    }

    private static string Heading(Briefing b) => "Digest for " + b.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static Func<string, string> Home(List<Briefing> briefings) => path =>
    {
        var html = new StringBuilder();
        if (briefings.Count == 0)
        {
            return "<p>No briefings yet.</p>";
        }

        var latest = briefings[0];
        html.Append("<section><h2><a href=\"").Append(E(SitePaths.Relative(path, SitePaths.Briefing(latest.Date)))).Append("\">")
            .Append(E(Heading(latest))).Append("</a></h2><ul>");
        foreach (var story in latest.Stories)
        {
            html.Append("<li>").Append(E(story.Title)).Append("</li>");
        }

        html.Append("</ul></section>");
        foreach (var month in briefings.Skip(1).GroupBy(b => b.Date.ToString("MMMM yyyy", CultureInfo.InvariantCulture)))
        {
            html.Append("<section><h2>").Append(E(month.Key)).Append("</h2><ul>");
            foreach (var b in month)
            {
                html.Append("<li><a href=\"").Append(E(SitePaths.Relative(path, SitePaths.Briefing(b.Date)))).Append("\">")
                    .Append(E(Heading(b))).Append("</a></li>");
            }

            html.Append("</ul></section>");
        }

        return html.ToString();
    };

    private static Func<string, string> BriefingBody(Briefing briefing, Dictionary<string, Story> stories) => path =>
    {
        var html = new StringBuilder();
        foreach (var story in briefing.Stories)
        {
            html.Append("<article><h2>");
            if (stories.ContainsKey(story.StoryId))
            {
                html.Append("<a href=\"").Append(E(SitePaths.Relative(path, SitePaths.Story(story.StoryId)))).Append("\">").Append(E(story.Title)).Append("</a>");
            }
            else
            {
                html.Append(E(story.Title));
            }

            html.Append("</h2><ul>");
            foreach (var sentence in story.WhatsNew)
            {
                html.Append("<li>").Append(E(sentence.Text)).Append(" <small>").Append(E(sentence.Outlet)).Append("</small></li>");
            }

            html.Append("</ul></article>");
        }

        return html.ToString();
    };

    private static Func<string, string> StoryBody(Story story, Dictionary<string, Article> articles) => _ =>
    {
        var html = new StringBuilder("<ol>");
        foreach (var article in Members(story, articles))
        {
            var url = SafeUrl.HttpOrNull(article.CanonicalUrl) ?? SafeUrl.HttpOrNull(article.Url);
            html.Append("<li><strong>").Append(E(article.Outlet)).Append("</strong> <time datetime=\"")
                .Append(E(article.Published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture))).Append("\">")
                .Append(E(article.Published.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append("</time> ");
            html.Append(url is null ? E(article.Title) : "<a href=\"" + E(url.AbsoluteUri) + "\">" + E(article.Title) + "</a>");
            if (article.Summary is { Count: > 0 } summary)
            {
                html.Append("<p>").Append(E(string.Join(' ', summary))).Append("</p>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol>").ToString();
    };

    /// <summary>The story's archived articles in publication order.</summary>
    private static List<Article> Members(Story story, Dictionary<string, Article> articles)
        => [.. story.ArticleIds.Where(articles.ContainsKey).Select(id => articles[id])
            .OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The shell every page shares: landmarks, one h1, a CSP that allows no script at all, and the page's Atom feed for
    /// feed readers to discover.
    /// </summary>
    private static SitePage Page(string path, string title, Func<string, string> body, string? feed = null)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src https:\">")
            .Append("<title>").Append(E(title)).Append("</title>");
        if (feed is not null)
        {
            html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(E(title)).Append("\" href=\"")
                .Append(E(SitePaths.Relative(path, feed))).Append("\">");
        }

        html
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:auto;padding:1rem;line-height:1.5}")
            .Append("@media (prefers-color-scheme: dark){body{background:#151514;color:#ecebe6}a{color:#8ab4f8}}</style></head>\n")
            .Append("<body><header><nav><a href=\"").Append(E(SitePaths.Relative(path, SitePaths.Home))).Append("\">Digest</a></nav>")
            .Append("<h1>").Append(E(title)).Append("</h1></header>\n<main>").Append(body(path)).Append("</main></body></html>\n");
        return new SitePage(path, Encoding.UTF8.GetBytes(html.ToString()));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

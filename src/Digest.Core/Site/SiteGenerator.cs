using System.Globalization;
using System.Net;
using System.Text;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Safety;
using Digest.Core.Sources;
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
    /// <summary>How many of an outlet's articles its page lists, newest first.</summary>
    public const int OutletArticles = 30;

    /// <param name="briefings">The archived briefings.</param>
    /// <param name="stories">The archived stories.</param>
    /// <param name="articles">The archived articles.</param>
    /// <param name="sources">The sources' fetch state (<c>state/sources/</c>), for the outlet pages' health.</param>
    public static IReadOnlyList<SitePage> Generate(IEnumerable<Briefing> briefings, IEnumerable<Story> stories, IEnumerable<Article> articles,
        IEnumerable<SourceState>? sources = null)
    {
        var byDate = briefings.OrderByDescending(b => b.Date).ToList();
        // Unsafe ids cannot name a page; such stories are shown without a link rather than failing the whole site.
        var storyById = stories.Where(s => SitePaths.IsSafeId(s.Id)).GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var articleById = articles.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var outlets = Outlets(articleById.Values, sources ?? []);
        var pages = new List<SitePage> { Page(SitePaths.Home, "Digest", Home(byDate, outlets), SitePaths.Feed) };
        pages.AddRange(byDate.Select(b => Page(SitePaths.Briefing(b.Date), Heading(b), BriefingBody(b, storyById))));
        pages.AddRange(storyById.Values.SelectMany(s => StoryPages(s, Members(s, articleById))));
        pages.AddRange(outlets.Values.Select(o => Page(SitePaths.Outlet(o.SourceId), o.Name, OutletBody(o, storyById))));
        pages.Add(SiteFeeds.Briefings(byDate));
        pages.Add(SiteSearch.Index(storyById.Values, articleById));
        pages.Add(Page(SiteSearch.PagePath, "Search", _ => SiteSearch.PageBody(), script: SiteSearch.ScriptHash));
        pages.Add(Page(SitePaths.NotFound, "Page not found", NotFoundBody));
        pages.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return pages;
    }

    private static string NotFoundBody(string path)
        => "<p>There is no page at this address. The <a href=\"" + E(SitePaths.Link(path, SitePaths.Home)) + "\">home page</a> has the latest "
           + "briefing and every earlier one, and <a href=\"" + E(SitePaths.Link(path, SiteSearch.PagePath)) + "\">search</a> finds a story by its words.</p>";

    private static string Heading(Briefing b) => "Digest for " + b.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static Func<string, string> Home(List<Briefing> briefings, SortedDictionary<string, Outlet> outlets) => path =>
    {
        var html = new StringBuilder();
        if (briefings.Count == 0)
        {
            return "<p>No briefings yet.</p>" + OutletList(path, outlets);
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

        return html.Append(OutletList(path, outlets)).ToString();
    };

    private static string OutletList(string path, SortedDictionary<string, Outlet> outlets)
    {
        if (outlets.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<section><h2>Outlets</h2><ul>");
        foreach (var outlet in outlets.Values.OrderBy(o => o.Name, StringComparer.Ordinal).ThenBy(o => o.SourceId, StringComparer.Ordinal))
        {
            html.Append("<li><a href=\"").Append(E(SitePaths.Relative(path, SitePaths.Outlet(outlet.SourceId)))).Append("\">")
                .Append(E(outlet.Name)).Append("</a></li>");
        }

        return html.Append("</ul></section>").ToString();
    }

    /// <summary>
    /// The outlets: each source with a safe id that has archived articles or fetch state, its name from the state (the
    /// sources file's), else its newest article's.
    /// </summary>
    private static SortedDictionary<string, Outlet> Outlets(IEnumerable<Article> articles, IEnumerable<SourceState> sources)
    {
        var states = sources.Where(s => SitePaths.IsSafeId(s.SourceId)).GroupBy(s => s.SourceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byOutlet = articles.Where(a => SitePaths.IsSafeId(a.SourceId)).GroupBy(a => a.SourceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var result = new SortedDictionary<string, Outlet>(StringComparer.Ordinal);
        foreach (var id in states.Keys.Union(byOutlet.Keys, StringComparer.Ordinal))
        {
            var state = states.GetValueOrDefault(id);
            var recent = byOutlet.GetValueOrDefault(id) ?? [];
            result[id] = new Outlet(id, state?.Name ?? recent[0].Outlet, state, recent);
        }

        return result;
    }

    private static Func<string, string> OutletBody(Outlet outlet, Dictionary<string, Story> stories) => path =>
    {
        var html = new StringBuilder("<section><h2>Health</h2>");
        if (outlet.State is not { } state)
        {
            html.Append("<p>Not read yet.</p>");
        }
        else
        {
            html.Append("<dl><dt>Last read successfully</dt><dd>").Append(state.LastSuccess is { } success ? StoryTimeline.DisplayTime(success) : "never").Append("</dd>")
                .Append("<dt>Failures in a row</dt><dd>").Append(state.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture)).Append("</dd>");
            if (state.ConsecutiveFailures > 0 && state.LastError is { Length: > 0 } error)
            {
                html.Append("<dt>Last error</dt><dd>").Append(E(error)).Append("</dd>");
            }

            html.Append("</dl>");
        }

        html.Append("</section><section><h2>Recent articles</h2>");
        if (outlet.Recent.Count == 0)
        {
            return html.Append("<p>None archived.</p></section>").ToString();
        }

        html.Append("<ul>");
        foreach (var article in outlet.Recent.Take(OutletArticles))
        {
            html.Append("<li>").Append(StoryTimeline.TimeElement(article.Published)).Append(' ');
            html.Append(article.StoryId is { } storyId && stories.ContainsKey(storyId)
                ? "<a href=\"" + E(SitePaths.Relative(path, SitePaths.Story(storyId))) + "\">" + E(article.Title) + "</a>"
                : E(article.Title));
            if (ArticleUrl(article) is { } url)
            {
                html.Append(" <small>(<a href=\"").Append(E(url.AbsoluteUri)).Append("\">original</a>)</small>");
            }

            html.Append("</li>");
        }

        return html.Append("</ul></section>").ToString();
    };

    /// <summary>
    /// The mail's content (its web copy links here), in the mail's order: the overview, then each story with its tag,
    /// what is new (or the story, when new), the numbers that changed, the new quotes, the story so far and the coverage;
    /// the title links to the story's page.
    /// </summary>
    private static Func<string, string> BriefingBody(Briefing briefing, Dictionary<string, Story> stories) => path =>
    {
        var html = new StringBuilder("<p>").Append(E(BriefingText.Overview(briefing))).Append("</p>");
        foreach (var story in briefing.Stories)
        {
            html.Append("<article><p><small>").Append(E(BriefingText.StoryTag(story))).Append("</small></p><h2>");
            html.Append(stories.ContainsKey(story.StoryId)
                ? "<a href=\"" + E(SitePaths.Relative(path, SitePaths.Story(story.StoryId))) + "\">" + E(story.Title) + "</a>"
                : E(story.Title));
            html.Append("</h2>");
            if (story.WhatsNew.Count > 0)
            {
                html.Append("<h3>").Append(story.IsNew ? "The story" : "What’s new").Append("</h3><ul>");
                foreach (var sentence in story.WhatsNew)
                {
                    html.Append("<li>").Append(E(sentence.Text)).Append(" <small>").Append(E(sentence.Outlet)).Append("</small></li>");
                }

                html.Append("</ul>");
            }

            if (story.Updates.Count > 0)
            {
                html.Append("<h3>Numbers that changed</h3><ul>");
                foreach (var update in story.Updates)
                {
                    html.Append("<li>").Append(E(update.Label)).Append(": <s>").Append(E(update.Previous)).Append("</s> → <strong>")
                        .Append(E(update.Current)).Append("</strong></li>");
                }

                html.Append("</ul>");
            }

            foreach (var quote in story.Quotes)
            {
                html.Append("<blockquote><p>“").Append(E(quote.Text)).Append("”</p>");
                if (quote.Speaker is not null)
                {
                    html.Append("<p>— ").Append(E(quote.Speaker)).Append("</p>");
                }

                html.Append("</blockquote>");
            }

            if (!story.IsNew && story.Summary.Count > 0)
            {
                html.Append("<h3>The story so far</h3><p>");
                html.AppendJoin(" ", story.Summary.Select(s => E(s.Text) + " <small>(" + E(s.Outlet) + ")</small>"));
                html.Append("</p>");
            }

            if (story.Coverage.Count > 0)
            {
                html.Append("<p>Coverage: ");
                html.AppendJoin(" · ", story.Coverage.Select(Coverage));
                html.Append("</p>");
            }

            html.Append("</article>");
        }

        return html.ToString();
    };

    /// <summary>An article of the coverage: its outlet linked to the original, or with its headline when it has no http(s) address.</summary>
    private static string Coverage(CoverageLink link)
        => (SafeUrl.HttpOrNull(link.Url) is { } url
               ? "<a href=\"" + E(url.AbsoluteUri) + "\" title=\"" + E(link.Title) + "\">" + E(link.Outlet) + "</a>"
               : E(link.Outlet) + ": “" + E(link.Title) + "”")
           + " <small>" + E(BriefingText.Published(link.Published)) + "</small>";

    /// <summary>
    /// One story's page and feed, from the story and its archived members: the same bytes the whole site's generation
    /// gives, so a story can be regenerated alone after each fold (<see cref="SiteWriter.WriteStoriesAsync"/>).
    /// </summary>
    public static IReadOnlyList<SitePage> StoryPages(Story story, IEnumerable<Article> members)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(members);
        var ordered = members.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        return [Page(SitePaths.Story(story.Id), story.Title, StoryBody(story, ordered), SitePaths.StoryFeed(story.Id)), SiteFeeds.Story(story, ordered)];
    }

    /// <summary>Every member's source has an outlet page (it has an archived article), so a safe id is always linked.</summary>
    private static Func<string, string> StoryBody(Story story, List<Article> members) => path =>
        StoryTimeline.Render(path, story, members, article => SitePaths.IsSafeId(article.SourceId)
            ? "<a href=\"" + E(SitePaths.Relative(path, SitePaths.Outlet(article.SourceId))) + "\">" + E(article.Outlet) + "</a>"
            : E(article.Outlet));

    /// <summary>The story's archived articles in publication order.</summary>
    private static List<Article> Members(Story story, Dictionary<string, Article> articles)
        => [.. story.ArticleIds.Where(articles.ContainsKey).Select(id => articles[id])
            .OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The shell every page shares: landmarks, one h1, a CSP that allows no script at all, and the page's Atom feed for
    /// feed readers to discover.
    /// </summary>
    /// <param name="script">The CSP source of the page's one script (the search page), or null: no script at all.</param>
    private static SitePage Page(string path, string title, Func<string, string> body, string? feed = null, string? script = null)
    {
        var policy = "default-src 'none'; style-src 'unsafe-inline'; img-src https:"
                     + (script is null ? "" : "; script-src " + script + "; connect-src 'self'");
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(policy).Append("\">")
            .Append("<title>").Append(E(title)).Append("</title>");
        if (feed is not null)
        {
            html.Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(E(title)).Append("\" href=\"")
                .Append(E(SitePaths.Relative(path, feed))).Append("\">");
        }

        // A skip link first, so keyboard users reach the content in one Tab; main takes focus when it is followed.
        html
            .Append("<style>").Append(Style).Append("</style></head>\n")
            .Append("<body><a class=\"skip\" href=\"#main\">Skip to content</a><header><nav aria-label=\"Site\"><a href=\"")
            .Append(E(SitePaths.Link(path, SitePaths.Home))).Append("\">Digest</a> · <a href=\"")
            .Append(E(SitePaths.Link(path, SiteSearch.PagePath))).Append("\">Search</a></nav>")
            .Append("<h1>").Append(E(title)).Append("</h1></header>\n<main id=\"main\" tabindex=\"-1\">").Append(body(path)).Append("</main></body></html>\n");
        return new SitePage(path, Encoding.UTF8.GetBytes(html.ToString()));
    }

    /// <summary>
    /// One stylesheet for every page: a readable measure on a desktop, no sideways scrolling on a phone (a long address
    /// or number wraps), a visible focus ring, and dark colours that keep WCAG AA contrast.
    /// </summary>
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:42rem;margin:auto;padding:1rem;line-height:1.5}"
        + "main{overflow-wrap:anywhere}img{max-width:100%;height:auto}"
        + "a:focus-visible,main:focus-visible{outline:3px solid currentColor;outline-offset:2px}"
        + ".skip{position:absolute;left:-100vw}.skip:focus{position:static}"
        + "@media (prefers-color-scheme: dark){body{background:#151514;color:#ecebe6}a{color:#8ab4f8}}";

    private static Uri? ArticleUrl(Article article) => SafeUrl.HttpOrNull(article.CanonicalUrl) ?? SafeUrl.HttpOrNull(article.Url);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>An outlet page's content: the source, its fetch state if any, its archived articles newest first.</summary>
    private sealed record Outlet(string SourceId, string Name, SourceState? State, List<Article> Recent);
}

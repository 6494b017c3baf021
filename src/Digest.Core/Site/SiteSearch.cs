using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Digest.Core.Articles;
using Digest.Core.Stories;

namespace Digest.Core.Site;

/// <summary>
/// Search with no server: <c>search/index.json</c> holds each story's title, summary and articles' titles, and the page
/// <c>search/index.html</c> carries one small script that fetches it and filters as the reader types. The page's
/// Content-Security-Policy allows that script by its SHA-256 hash and nothing else; results are built with
/// <c>textContent</c>, never as HTML, so a hostile title stays text. Without JavaScript the page says so; every other
/// page works without it.
/// </summary>
public static class SiteSearch
{
    public const string PagePath = "search/index.html";
    public const string IndexPath = "search/index.json";

    /// <summary>Text kept per story: enough to find it by any of its words, small enough for a phone to fetch.</summary>
    public const int MaxTextPerStory = 600;

    /// <summary>
    /// Matches every word of the query (case and accents folded) against title and text, best title matches first,
    /// at most 50. The index's paths are site paths, so links are made relative to this page.
    /// </summary>
    public const string Script = """
        (() => {
          const fold = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
          const input = document.getElementById('q'), list = document.getElementById('results'), status = document.getElementById('status');
          let entries = [];
          const show = () => {
            const words = fold(input.value).split(/\s+/).filter(w => w.length > 0);
            list.replaceChildren();
            if (words.length === 0) { status.textContent = ''; return; }
            const found = entries.filter(e => words.every(w => e.f.includes(w)))
              .sort((a, b) => words.filter(w => b.ft.includes(w)).length - words.filter(w => a.ft.includes(w)).length).slice(0, 50);
            for (const e of found) {
              const item = document.createElement('li'), link = document.createElement('a');
              link.href = '../' + e.p; link.textContent = e.t; item.append(link);
              list.append(item);
            }
            status.textContent = found.length === 0 ? 'No story matches.' : found.length + ' matching stor' + (found.length === 1 ? 'y.' : 'ies.');
          };
          fetch('index.json').then(r => r.json()).then(data => {
            entries = data.map(e => ({ ...e, ft: fold(e.t), f: fold(e.t + ' ' + e.x) }));
            input.value = new URLSearchParams(location.search).get('q') || input.value;
            show();
          }).catch(() => { status.textContent = 'The search index could not be loaded.'; });
          input.addEventListener('input', show);
        })();
        """;

    /// <summary>The CSP source that lets exactly <see cref="Script"/> run.</summary>
    public static string ScriptHash => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script))) + "'";

    public static SitePage Index(IEnumerable<Story> stories, IReadOnlyDictionary<string, Article> articles)
    {
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(articles);
        var entries = stories.OrderBy(s => s.Id, StringComparer.Ordinal).Select(story =>
        {
            var text = string.Join(' ', story.Summary.Select(s => s.Text)
                .Concat(story.ArticleIds.Where(articles.ContainsKey).Select(id => articles[id].Title).Distinct(StringComparer.Ordinal)));
            return new SearchEntry(story.Title, text.Length > MaxTextPerStory ? text[..MaxTextPerStory] : text, SitePaths.Story(story.Id));
        }).ToList();
        return new SitePage(IndexPath, JsonSerializer.SerializeToUtf8Bytes(entries, Json));
    }

    /// <summary>The search form and results list; the script's hash is the page's only script source.</summary>
    public static string PageBody()
        => "<form role=\"search\" action=\"index.html\"><label for=\"q\">Search stories</label> "
           + "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\"></form>"
           + "<p id=\"status\" role=\"status\"></p><ul id=\"results\"></ul>"
           + "<noscript><p>Search needs JavaScript; every other page works without it.</p></noscript>"
           + "<script>" + Script + "</script>";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    /// <summary>One story in the index: <c>t</c> title, <c>x</c> text, <c>p</c> the story page's site path.</summary>
    private sealed record SearchEntry(
        [property: System.Text.Json.Serialization.JsonPropertyName("t")] string Title,
        [property: System.Text.Json.Serialization.JsonPropertyName("x")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("p")] string Path);
}

using System.Globalization;
using System.Text.RegularExpressions;
using Digest.Core.Safety;
using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>What the page says about itself, gathered in one pass over the whole document before any pruning.</summary>
internal sealed partial class PageMetadata
{
    private readonly Dictionary<string, string> _meta = new(StringComparer.OrdinalIgnoreCase);

    public JsonLdFacts JsonLd { get; } = new();
    public string? HtmlLang { get; private set; }
    public string? TitleElement { get; private set; }
    public string? FirstH1 { get; private set; }
    public string? ArticleH1 { get; private set; }
    public string? Canonical { get; private set; }
    public string? TimeElementPublished { get; private set; }
    public string? ItempropPublished { get; private set; }
    public string? ItempropModified { get; private set; }
    public string? ItempropAuthor { get; private set; }
    public string? RelAuthor { get; private set; }
    public string? BylineElement { get; private set; }
    public int PasswordInputs { get; private set; }

    /// <summary>Headings that are links, outside page furniture: the teasers of an index, tag or search page.</summary>
    public int LinkedHeadings { get; private set; }

    /// <summary>The element marked up as the article body (itemprop=articleBody), if any.</summary>
    public HtmlNode? ArticleBodyElement { get; private set; }

    public string? Meta(string key) => _meta.GetValueOrDefault(key);

    public static PageMetadata Read(HtmlDocument document)
    {
        var metadata = new PageMetadata();
        foreach (var node in DomWalk.PreOrder(document.DocumentNode, elementsOnly: true))
        {
            metadata.Visit(node);
        }

        return metadata;
    }

    private void Visit(HtmlNode node)
    {
        switch (node.Name)
        {
            case "html":
                HtmlLang ??= NonEmpty(node.GetAttributeValue("lang", null) ?? node.GetAttributeValue("xml:lang", null));
                break;
            case "title":
                TitleElement ??= NonEmpty(DomWalkText(node));
                break;
            case "meta":
                var key = node.GetAttributeValue("property", null) ?? node.GetAttributeValue("name", null) ?? node.GetAttributeValue("http-equiv", null) ?? node.GetAttributeValue("itemprop", null);
                var content = NonEmpty(node.GetAttributeValue("content", null));
                if (key is not null && content is not null)
                {
                    _meta.TryAdd(key.Trim(), TextNormalizer.Clean(content));
                }

                break;
            case "link":
                var rel = node.GetAttributeValue("rel", string.Empty);
                if (rel.Equals("canonical", StringComparison.OrdinalIgnoreCase))
                {
                    Canonical ??= NonEmpty(node.GetAttributeValue("href", null));
                }

                break;
            case "a" when node.GetAttributeValue("rel", string.Empty).Contains("author", StringComparison.OrdinalIgnoreCase):
                RelAuthor ??= NonEmpty(DomWalk.Text(node));
                break;
            case "script" when node.GetAttributeValue("type", string.Empty).Contains("ld+json", StringComparison.OrdinalIgnoreCase):
                JsonLdReader.Read(node.InnerHtml, JsonLd);
                break;
            case "h1":
                var h1 = NonEmpty(DomWalk.Text(node));
                FirstH1 ??= h1;
                if (ArticleH1 is null && h1 is not null && HasAncestor(node, "article", "main"))
                {
                    ArticleH1 = h1;
                }

                break;
            case "h2" or "h3" or "h4" when IsLinkedHeading(node):
                LinkedHeadings++;
                break;
            case "time":
                var datetime = NonEmpty(node.GetAttributeValue("datetime", null));
                if (datetime is not null && (TimeElementPublished is null || node.Attributes.Contains("pubdate")))
                {
                    TimeElementPublished = datetime;
                }

                break;
            case "input" when node.GetAttributeValue("type", string.Empty).Equals("password", StringComparison.OrdinalIgnoreCase):
                PasswordInputs++;
                break;
            default:
                break;
        }

        var itemprop = node.GetAttributeValue("itemprop", null);
        if (itemprop is not null)
        {
            ReadItemprop(node, itemprop);
        }

        if (BylineElement is null && node.Name != "meta" && IsBylineClass(node.GetAttributeValue("class", string.Empty)))
        {
            var text = DomWalk.Text(node);
            if (text.Length is > 3 and < 120)
            {
                BylineElement = text;
            }
        }
    }

    private void ReadItemprop(HtmlNode node, string itemprop)
    {
        foreach (var range in itemprop.AsSpan().Split(' '))
        {
            var prop = itemprop.AsSpan()[range];
            if (prop.Equals("articleBody", StringComparison.OrdinalIgnoreCase))
            {
                ArticleBodyElement ??= node;
            }
            else if (prop.Equals("datePublished", StringComparison.OrdinalIgnoreCase))
            {
                ItempropPublished ??= NonEmpty(node.GetAttributeValue("content", null) ?? node.GetAttributeValue("datetime", null));
            }
            else if (prop.Equals("dateModified", StringComparison.OrdinalIgnoreCase))
            {
                ItempropModified ??= NonEmpty(node.GetAttributeValue("content", null) ?? node.GetAttributeValue("datetime", null));
            }
            else if (prop.Equals("author", StringComparison.OrdinalIgnoreCase) && node.Name != "meta")
            {
                var nameNode = DomWalk.FindFirst(node, n => n.GetAttributeValue("itemprop", string.Empty) == "name");
                ItempropAuthor ??= NonEmpty(DomWalk.Text(nameNode ?? node));
            }
        }
    }

    private static bool IsLinkedHeading(HtmlNode heading)
    {
        var link = DomWalk.FindFirst(heading, n => n.Name == "a" && n.Attributes.Contains("href"));
        if (link is null || HasAncestor(heading, "nav", "footer") || HasAncestor(heading, "aside", "header"))
        {
            return false;
        }

        var headingText = DomWalk.Text(heading).Length;
        return headingText > 0 && DomWalk.Text(link).Length * 10 >= headingText * 7;
    }

    private static bool IsBylineClass(string classes) =>
        classes.Length > 0 && (classes.Contains("byline", StringComparison.OrdinalIgnoreCase) || classes.Contains("author-name", StringComparison.OrdinalIgnoreCase));

    private static bool HasAncestor(HtmlNode node, string first, string second)
    {
        for (var current = node.ParentNode; current is not null; current = current.ParentNode)
        {
            if (current.Name == first || current.Name == second)
            {
                return true;
            }
        }

        return false;
    }

    private static string DomWalkText(HtmlNode node) => DomWalk.Text(node);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // ---- Derived values ----

    // Every derived text value goes through SafeText.Inline: these strings are written by the page's author and end up
    // in mail headers, terminals and the archive. A candidate that holds nothing but control characters (og:title
    // "&#0;") counts as absent, so the next one is used.

    public string? SiteName => FirstText(Meta("og:site_name"), JsonLd.Article?.PublisherName);

    public string? Title()
    {
        var candidate = FirstText(Meta("og:title"), JsonLd.Article?.Headline, ArticleH1, FirstH1, Meta("twitter:title"), TitleElement);
        return candidate is null ? null : SafeText.Inline(StripSiteName(candidate, SiteName));
    }

    /// <summary>The first candidate that is still text once entities are decoded and unsafe characters removed.</summary>
    private static string? FirstText(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (SafeText.Inline(TextNormalizer.Clean(candidate)) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>"Headline | Outlet", "Outlet - Headline", "Headline — Outlet": keep the headline.</summary>
    internal static string StripSiteName(string title, string? siteName)
    {
        var parts = TitleSeparator().Split(title);
        if (parts.Length < 2)
        {
            return title;
        }

        if (siteName is not null)
        {
            var kept = Array.FindAll(parts, p => !p.Trim().Equals(siteName.Trim(), StringComparison.OrdinalIgnoreCase));
            if (kept.Length < parts.Length && kept.Length > 0)
            {
                return string.Join(" - ", kept).Trim();
            }
        }

        // Without a known outlet name, drop a short last (or first) segment: headlines are long, outlet names short.
        var first = parts[0].Trim();
        var last = parts[^1].Trim();
        if (TextNormalizer.CountWords(last) <= 4 && TextNormalizer.CountWords(first) > TextNormalizer.CountWords(last))
        {
            return string.Join(" - ", parts[..^1]).Trim();
        }

        if (TextNormalizer.CountWords(first) <= 4 && TextNormalizer.CountWords(last) > TextNormalizer.CountWords(first))
        {
            return string.Join(" - ", parts[1..]).Trim();
        }

        return title;
    }

    public string? Byline()
    {
        if (JsonLd.Article is { Authors.Count: > 0 } article)
        {
            var names = article.Authors.ConvertAll(a => SafeText.Inline(TextNormalizer.Clean(a))).FindAll(a => a is not null);
            if (names.Count > 0)
            {
                return CleanByline(string.Join(", ", names));
            }
        }

        foreach (var candidate in new[] { Meta("author"), Meta("article:author"), Meta("byl"), ItempropAuthor, RelAuthor, BylineElement })
        {
            if (candidate is not null && !candidate.StartsWith("http", StringComparison.OrdinalIgnoreCase) && CleanByline(candidate) is { } byline)
            {
                return byline;
            }
        }

        return null;
    }

    private static string? CleanByline(string byline)
        => SafeText.Inline(BylinePrefix().Replace(SafeText.Inline(TextNormalizer.Clean(byline)) ?? string.Empty, string.Empty));

    public DateTimeOffset? Published() => FirstDate(
        JsonLd.Article?.DatePublished, Meta("article:published_time"), ItempropPublished, Meta("og:published_time"),
        Meta("date"), Meta("pubdate"), Meta("publishdate"), Meta("dc.date"), Meta("dc.date.issued"), Meta("dcterms.created"),
        Meta("parsely-pub-date"), Meta("sailthru.date"), TimeElementPublished);

    public DateTimeOffset? Modified() => FirstDate(
        JsonLd.Article?.DateModified, Meta("article:modified_time"), ItempropModified, Meta("og:updated_time"), Meta("dcterms.modified"));

    private static DateTimeOffset? FirstDate(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate is not null && DateTimeOffset.TryParse(candidate.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>
    /// The page's own address for itself (rel=canonical, og:url, JSON-LD url), resolved against the page URL; only an
    /// http(s) URL counts (<see cref="SafeUrl"/>), so a <c>javascript:</c>, <c>data:</c> or <c>file:</c> link can never
    /// become the article's link. Without one, the page URL if it is http(s), else null.
    /// </summary>
    public Uri? CanonicalUrl(Uri? pageUrl)
    {
        foreach (var candidate in new[] { Canonical, Meta("og:url"), JsonLd.Article?.Url })
        {
            if (candidate is not null && SafeUrl.ParseHttp(TextNormalizer.Clean(candidate), pageUrl) is { } url)
            {
                return url;
            }
        }

        return SafeUrl.HttpOrNull(pageUrl);
    }

    public string? Language()
    {
        var raw = HtmlLang ?? Meta("content-language") ?? Meta("og:locale") ?? JsonLd.Article?.Language;
        if (raw is null)
        {
            return null;
        }

        var tag = SafeText.Inline(raw.Split(',')[0])?.Replace('_', '-');
        return tag?.Length is >= 2 and <= 35 ? tag : null;
    }

    [GeneratedRegex("""\s+[|\u2013\u2014\u00B7:»-]\s+""", RegexOptions.CultureInvariant)]
    private static partial Regex TitleSeparator();

    [GeneratedRegex("""^(by|von|par|por|door|di)\s+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylinePrefix();
}

using System.Globalization;
using System.Net;
using System.Text;
using Digest.Cli.Commands;

namespace Digest.Cli.Bench;

/// <summary>
/// A generated corpus of outlets on disk: <c>feeds/&lt;n&gt;.xml</c> (RSS 2.0, relative links) and
/// <c>pages/&lt;id&gt;.html</c> with a site's chrome around the article, from <see cref="SyntheticArchive"/> (stories told by
/// several outlets over days). Used by <c>digest bench cycle</c> and by the tests that check a shuffled, parallel run
/// against an ordered one. Deterministic for a seed.
/// </summary>
internal sealed class GeneratedOutlets
{
    private GeneratedOutlets(string root, int feeds, IReadOnlyDictionary<string, int> storyOfPage, DateTimeOffset latest)
    {
        Root = root;
        Feeds = feeds;
        StoryOfPage = storyOfPage;
        Latest = latest;
    }

    public string Root { get; }
    public int Feeds { get; }

    /// <summary>The generator's story number of each page (by file name), to score the clustering against.</summary>
    public IReadOnlyDictionary<string, int> StoryOfPage { get; }

    /// <summary>Publication time of the newest article.</summary>
    public DateTimeOffset Latest { get; }

    /// <param name="root">Folder to write the site into.</param>
    /// <param name="articles">Articles to generate.</param>
    /// <param name="feeds">Outlets to spread them over, round robin.</param>
    /// <param name="seed">Generator seed.</param>
    /// <param name="prefix">Prefix of page names and guids, so that several corpora can follow one another in one archive.</param>
    /// <param name="shift">Added to every publication time, for the same reason.</param>
    public static GeneratedOutlets Write(string root, int articles, int feeds, int seed, string prefix = "", TimeSpan shift = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(articles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(feeds, 1);
        Directory.CreateDirectory(Path.Combine(root, "feeds"));
        Directory.CreateDirectory(Path.Combine(root, "pages"));
        var items = Enumerable.Range(0, feeds).Select(_ => new StringBuilder()).ToArray();
        var storyOfPage = new Dictionary<string, int>(StringComparer.Ordinal);
        var latest = DateTimeOffset.MinValue;
        var n = 0;
        foreach (var (article, story) in SyntheticArchive.Generate(articles, seed))
        {
            var feed = n++ % feeds;
            var guid = prefix + article.Id;
            var page = guid + ".html";
            storyOfPage[page] = story;
            var published = article.Published!.Value + shift;
            latest = published > latest ? published : latest;
            File.WriteAllText(Path.Combine(root, "pages", page), Page(article.Title, article.Text, feed, published));
            items[feed].Append(CultureInfo.InvariantCulture,
                $"<item><title>{WebUtility.HtmlEncode(article.Title)}</title><link>../pages/{page}</link><guid isPermaLink=\"false\">{guid}</guid><pubDate>{published.ToString("R", CultureInfo.InvariantCulture)}</pubDate></item>\n");
        }

        for (var feed = 0; feed < feeds; feed++)
        {
            File.WriteAllText(Path.Combine(root, "feeds", FeedName(feed)),
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>{OutletName(feed)}</title><link>https://outlet{feed}.example/</link>\n{items[feed]}</channel></rss>\n");
        }

        return new GeneratedOutlets(root, feeds, storyOfPage, latest);
    }

    public static string OutletName(int feed) => "Generated Outlet " + feed.ToString("D3", CultureInfo.InvariantCulture);

    public static string FeedName(int feed) => feed.ToString("D3", CultureInfo.InvariantCulture) + ".xml";

    /// <summary>A sources file for the outlets as served from <paramref name="baseUri"/> (or as files when null).</summary>
    public string WriteSources(string path, Uri? baseUri, int maxNewItemsPerSource)
    {
        var sources = string.Join(",\n", Enumerable.Range(0, Feeds).Select(feed =>
        {
            var url = baseUri is null ? Path.Combine(Root, "feeds", FeedName(feed)) : new Uri(baseUri, "feeds/" + FeedName(feed)).AbsoluteUri;
            return $"    {{ \"name\": \"{OutletName(feed)}\", \"url\": \"{url}\" }}";
        }));
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
            $"{{\n  \"sources\": [\n{sources}\n  ],\n  \"limits\": {{ \"maxNewItemsPerSource\": {maxNewItemsPerSource} }},\n  \"defaultNow\": \"{Latest.AddHours(1).ToString("O", CultureInfo.InvariantCulture)}\"\n}}\n"));
        return path;
    }

    private static string Page(string title, string text, int feed, DateTimeOffset published)
    {
        var sentences = text.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var paragraphs = new StringBuilder();
        for (var i = 0; i < sentences.Length; i += 2)
        {
            var paragraph = string.Join(". ", sentences.Skip(i).Take(2)).TrimEnd('.') + ".";
            paragraphs.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }

        var outlet = WebUtility.HtmlEncode(OutletName(feed));
        var encodedTitle = WebUtility.HtmlEncode(title);
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{encodedTitle} | {outlet}</title>
            <meta property="og:title" content="{encodedTitle}">
            <meta property="article:published_time" content="{published.ToString("O", CultureInfo.InvariantCulture)}"></head>
            <body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
            <main><article><h1>{encodedTitle}</h1><p class="byline">By staff of {outlet}</p>
            {paragraphs}</article>
            <aside class="related"><h2>Related</h2><ul><li><a href="/a">More news</a></li><li><a href="/b">Other stories</a></li></ul></aside></main>
            <footer><p>&copy; {outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>
            """;
    }
}

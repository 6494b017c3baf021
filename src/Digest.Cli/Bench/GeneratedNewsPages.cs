using System.Globalization;
using System.Net;
using System.Text;

namespace Digest.Cli.Bench;

/// <summary>
/// Writes news pages in the shape of the public ones the extraction speed was judged on (about 52 KB on average, a few
/// over 1 MB, big inline scripts and JSON state, mega-menus, share bars, galleries, reader comments, cookie banners,
/// JSON-LD), from our own generated text. Deterministic for a seed, so runs compare.
/// </summary>
internal static class GeneratedNewsPages
{
    private static readonly string[] Words =
    [
        "council", "harbour", "minister", "budget", "river", "school", "railway", "hospital", "plan", "vote", "report",
        "district", "court", "workers", "energy", "prices", "weather", "bridge", "farmers", "police", "talks", "ceasefire",
        "museum", "festival", "election", "reservoir", "ferry", "market", "union", "strike", "winter", "delegation",
    ];

    /// <summary>Writes <paramref name="count"/> pages into <paramref name="folder"/> and returns their total size in bytes.</summary>
    public static long Write(string folder, int count, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            // Most pages are 20-80 KB; every sixtieth carries a megabyte of inline application state.
            var scriptKb = i % 60 == 59 ? 1100 : random.Next(8, 42);
            var html = Page(random, i, scriptKb);
            var bytes = Encoding.UTF8.GetBytes(html);
            File.WriteAllBytes(Path.Combine(folder, "page-" + i.ToString("D4", CultureInfo.InvariantCulture) + ".html"), bytes);
            total += bytes.Length;
        }

        return total;
    }

    private static string Page(Random random, int index, int scriptKb)
    {
        var title = Sentence(random, 8).TrimEnd('.');
        var builder = new StringBuilder(scriptKb * 1024 + 32 * 1024);
        builder.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append(" | Generated Courier</title>");
        builder.Append("<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"").Append(WebUtility.HtmlEncode(title)).Append("\">");
        builder.Append("<meta name=\"description\" content=\"").Append(WebUtility.HtmlEncode(Sentence(random, 20))).Append("\">");
        builder.Append("<style>");
        for (var i = 0; i < 300; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $".c-{i}{{margin:0 {i % 9}px;padding:{i % 7}px}}");
        }

        builder.Append("</style><script>window.__STATE__={\"items\":[");
        var target = scriptKb * 1024;
        for (var i = 0; builder.Length < target; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"html\":\"<div class=\\\"teaser\\\"><p>{Word(random)} {Word(random)}</p></div>\",\"score\":{random.Next(1000)}}},");
        }

        builder.Append("{}]};</script>");
        var body = Body(random, 6 + random.Next(10));
        builder.Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"")
            .Append(title.Replace("\"", "'", StringComparison.Ordinal)).Append("\",\"datePublished\":\"2026-11-").Append((1 + (index % 28)).ToString("D2", CultureInfo.InvariantCulture)).Append("T08:00:00Z\"}</script>");
        builder.Append("</head><body><div class=\"cookie-banner\"><p>We use cookies to improve your experience. Accept all cookies or manage your preferences.</p><button>Accept</button></div>");
        builder.Append("<header class=\"site-header\"><nav class=\"mega-menu\"><ul>");
        for (var i = 0; i < 20; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/s/{i}\">Section {i}</a><ul>");
            for (var j = 0; j < 8; j++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/s/{i}/{j}\">Topic {j}</a></li>");
            }

            builder.Append("</ul></li>");
        }

        builder.Append("</ul></nav></header><main><article class=\"story\"><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        builder.Append("<div class=\"share-bar sticky\"><a href=\"/share/fb\">Share</a> <a href=\"/share/x\">Post</a> <a href=\"/share/mail\">Email</a></div>");
        builder.Append("<figure class=\"gallery\"><img src=\"/img/").Append(index).Append(".jpg\" alt=\"\"><figcaption>").Append(WebUtility.HtmlEncode(Sentence(random, 9))).Append("</figcaption></figure>");
        builder.Append("<div class=\"story-body\">").Append(body).Append("</div></article>");
        builder.Append("<section class=\"related\"><h2>More news</h2><ul>");
        for (var i = 0; i < 12; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/news/{index}-{i}\">{WebUtility.HtmlEncode(Sentence(random, 7))}</a></li>");
        }

        builder.Append("</ul></section><section id=\"comments\" class=\"comments-area\"><h2>Comments</h2>");
        for (var i = 0; i < random.Next(0, 12); i++)
        {
            builder.Append("<div class=\"comment\"><p class=\"comment-author\">Reader ").Append(i).Append("</p><p>").Append(WebUtility.HtmlEncode(Sentence(random, 24))).Append("</p></div>");
        }

        builder.Append("<form class=\"comment-form\"><textarea></textarea><button>Post comment</button></form></section></main>");
        builder.Append("<footer class=\"site-footer\">");
        for (var i = 0; i < 120; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<a href=\"/f/{i}\">Footer link {i}</a> ");
        }

        builder.Append("</footer></body></html>");
        return builder.ToString();
    }

    private static string Body(Random random, int paragraphs)
    {
        var body = new StringBuilder();
        for (var i = 0; i < paragraphs; i++)
        {
            body.Append("<p>").Append(WebUtility.HtmlEncode(Sentence(random, 18 + random.Next(14)) + " " + Sentence(random, 12 + random.Next(10)))).Append("</p>");
            if (i == 2)
            {
                body.Append("<div class=\"newsletter-box\"><p>Sign up for our morning newsletter.</p></div>");
            }
        }

        return body.ToString();
    }

    private static string Sentence(Random random, int words)
    {
        var sentence = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var word = Word(random);
            sentence.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            sentence.Append(i == words - 1 ? "." : i % 7 == 6 ? ", " : " ");
        }

        return sentence.ToString();
    }

    private static string Word(Random random) => Words[random.Next(Words.Length)];
}

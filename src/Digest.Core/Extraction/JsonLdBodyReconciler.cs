using System.Net;
using System.Text.RegularExpressions;

namespace Digest.Core.Extraction;

/// <summary>
/// Uses schema.org articleBody (and liveBlogUpdate) where it is plausible. It is the publisher's own statement of the
/// body, so when it covers what the DOM gave, DOM paragraphs it does not contain are nags and widgets; when the DOM
/// gave far less (script-rendered pages), it replaces the DOM text. A teaser-length or unrelated articleBody is ignored.
/// </summary>
internal static partial class JsonLdBodyReconciler
{
    private const int MinBodyWords = 50;

    public static List<string> Reconcile(List<TextBlock> blocks, JsonLdArticle? article)
    {
        var domParagraphs = blocks.ConvertAll(b => b.Text);
        if (article is null)
        {
            return domParagraphs;
        }

        var domWords = 0;
        foreach (var block in blocks)
        {
            domWords += block.Words;
        }

        var body = CleanBody(article.ArticleBody);
        var bodyWords = TextNormalizer.CountWords(body);
        if (bodyWords < MinBodyWords)
        {
            return domWords < MinBodyWords && article.LiveUpdates.Count > 0 ? FromLiveUpdates(article) : domParagraphs;
        }

        if (domWords < bodyWords / 2)
        {
            return SplitParagraphs(body);
        }

        var bodyTokens = Tokens(body);
        if (bodyWords * 10 < domWords * 7 || Overlap(string.Join(' ', domParagraphs), bodyTokens) < 0.6)
        {
            // A teaser or a summary, not the body: nothing to check the DOM against.
            return domParagraphs;
        }

        var kept = new List<string>(blocks.Count);
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading || Overlap(block.Text, bodyTokens) >= 0.5)
            {
                kept.Add(block.Text);
            }
        }

        return kept;
    }

    private static List<string> FromLiveUpdates(JsonLdArticle article)
    {
        var result = new List<string>();
        foreach (var (headline, body) in article.LiveUpdates)
        {
            if (headline is not null)
            {
                result.Add(TextNormalizer.Clean(headline));
            }

            result.AddRange(SplitParagraphs(CleanBody(body)));
        }

        return result.FindAll(p => p.Length > 0);
    }

    private static string CleanBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var text = body.Contains('<', StringComparison.Ordinal) ? Tag().Replace(body, "\n") : body;
        return WebUtility.HtmlDecode(text).Trim();
    }

    private static List<string> SplitParagraphs(string body)
    {
        var result = new List<string>();
        foreach (var line in body.Split('\n'))
        {
            var cleaned = TextNormalizer.Clean(line);
            if (cleaned.Length > 0)
            {
                result.Add(cleaned);
            }
        }

        return result;
    }

    private static HashSet<string> Tokens(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Word().Matches(text))
        {
            set.Add(match.Value.ToLowerInvariant());
        }

        return set;
    }

    private static double Overlap(string text, HashSet<string> reference)
    {
        var total = 0;
        var found = 0;
        foreach (Match match in Word().Matches(text))
        {
            total++;
            if (reference.Contains(match.Value.ToLowerInvariant()))
            {
                found++;
            }
        }

        return total == 0 ? 1 : (double)found / total;
    }

    [GeneratedRegex("<[^>]{0,500}>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

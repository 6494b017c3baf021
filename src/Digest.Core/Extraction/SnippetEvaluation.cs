using System.Text;
using System.Text.Json;

namespace Digest.Core.Extraction;

/// <summary>
/// One page of a snippet-judged evaluation set (trafilatura's evaluation corpus format): the page, passages that must
/// appear in the extracted body (<c>with</c>) and boilerplate that must not (<c>without</c>).
/// </summary>
public sealed record SnippetEvalCase(string Name, byte[] Html, string? ContentType, string? Url, IReadOnlyList<string> With, IReadOnlyList<string> Without)
{
    /// <summary>Suffix of the snippet file beside <c>name.html</c>.</summary>
    public const string FileSuffix = ".snippets.json";

    /// <summary>Builds a case from <c>name.html</c>, the text of <c>name.snippets.json</c> and an optional <c>name.headers</c>.</summary>
    public static SnippetEvalCase FromFiles(string name, byte[] html, string snippetsJson, string? headersFile)
    {
        ArgumentNullException.ThrowIfNull(snippetsJson);
        using var json = JsonDocument.Parse(snippetsJson);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{name}{FileSuffix}: not a JSON object");
        }

        var url = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        return new SnippetEvalCase(name, html, ExtractionEvalCase.ContentTypeFromHeaders(headersFile), url, Strings(root, "with", name), Strings(root, "without", name));
    }

    private static List<string> Strings(JsonElement root, string property, string name)
    {
        var result = new List<string>();
        if (!root.TryGetProperty(property, out var array))
        {
            return result;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{name}{FileSuffix}: '{property}' is not an array");
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"{name}{FileSuffix}: '{property}' holds a non-string");
            }

            result.Add(item.GetString()!);
        }

        return result;
    }
}

/// <summary>Counts for one page: tp = <c>with</c> passages found, fp = <c>without</c> passages found.</summary>
public sealed record SnippetPageResult(SnippetEvalCase Case, ExtractedArticle Extracted, int TruePositives, int FalsePositives)
{
    public int FalseNegatives => Case.With.Count - TruePositives;

    public int TrueNegatives => Case.Without.Count - FalsePositives;

    public bool EmptyBody => string.IsNullOrWhiteSpace(Extracted.Text);
}

/// <summary>The counts summed over a set, and precision, recall and F1 of them.</summary>
public sealed record SnippetEvalReport(IReadOnlyList<SnippetPageResult> Pages, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => (2 * TruePositives) + FalsePositives + FalseNegatives == 0 ? 0 : 2.0 * TruePositives / ((2 * TruePositives) + FalsePositives + FalseNegatives);

    public IEnumerable<SnippetPageResult> EmptyPages => Pages.Where(p => p.EmptyBody);
}

/// <summary>
/// The metric of trafilatura's <c>tests/eval_common.py</c> (and of the dev set's score.py): prediction and every
/// passage are whitespace-normalised (each run of Unicode whitespace to one space, trimmed), a passage counts when it
/// is a substring of the prediction; the counts are summed over pages and F1 = 2tp / (2tp + fp + fn).
/// </summary>
public static class SnippetEvaluation
{
    public static SnippetEvalReport Run(IArticleExtractor extractor, IEnumerable<SnippetEvalCase> cases)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(cases);
        var pages = new List<SnippetPageResult>();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var evalCase in cases.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            // As `digest extract` runs: no URL, so nothing depends on where the page claims to come from.
            var extracted = extractor.Extract(evalCase.Html, evalCase.ContentType, url: null);
            var (found, leaked) = Count(extracted.Text, evalCase.With, evalCase.Without);
            var page = new SnippetPageResult(evalCase, extracted, found, leaked);
            pages.Add(page);
            tp += page.TruePositives;
            fp += page.FalsePositives;
            fn += page.FalseNegatives;
            tn += page.TrueNegatives;
        }

        return new SnippetEvalReport(pages, tp, fp, fn, tn);
    }

    /// <summary>How many of <paramref name="with"/> and of <paramref name="without"/> occur in <paramref name="text"/>.</summary>
    public static (int Found, int Leaked) Count(string? text, IReadOnlyList<string> with, IReadOnlyList<string> without)
    {
        ArgumentNullException.ThrowIfNull(with);
        ArgumentNullException.ThrowIfNull(without);
        var normalized = Normalize(text ?? string.Empty);
        return (with.Count(w => normalized.Contains(Normalize(w), StringComparison.Ordinal)), without.Count(w => normalized.Contains(Normalize(w), StringComparison.Ordinal)));
    }

    /// <summary>Python's <c>re.sub(r"\s+", " ", t).strip()</c> on a str: every run of Unicode whitespace becomes one space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsPythonSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>str.isspace: .NET's whitespace plus the information separators U+001C–U+001F, which Python counts too.</summary>
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';
}

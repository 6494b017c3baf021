namespace Digest.Core.Extraction;

/// <summary>One page of an evaluation set: the bytes as served, the HTTP Content-Type, and what should come out.</summary>
public sealed record ExtractionEvalCase(string Name, byte[] Html, string? ContentType, string ExpectedText, bool ExpectedIsArticle)
{
    /// <summary>First line of an expected-text file that marks the page as not an article.</summary>
    public const string NotArticleMarker = "#not-article";

    /// <summary>Builds a case from the contents of its files (<c>name.html</c>, <c>name.txt</c>, optional <c>name.headers</c>).</summary>
    public static ExtractionEvalCase FromFiles(string name, byte[] html, string expectedFile, string? headersFile)
    {
        ArgumentNullException.ThrowIfNull(expectedFile);
        var expected = expectedFile.Replace("\r\n", "\n", StringComparison.Ordinal);
        var isArticle = !expected.StartsWith(NotArticleMarker, StringComparison.Ordinal);
        if (!isArticle)
        {
            var newline = expected.IndexOf('\n', StringComparison.Ordinal);
            expected = newline < 0 ? string.Empty : expected[(newline + 1)..];
        }

        return new ExtractionEvalCase(name, html, ContentTypeFromHeaders(headersFile), expected.Trim(), isArticle);
    }

    /// <summary>The Content-Type from a saved-headers sidecar file (<c>Name: value</c> lines), or null.</summary>
    public static string? ContentTypeFromHeaders(string? headersFile)
    {
        foreach (var line in (headersFile ?? string.Empty).Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}

/// <summary>The outcome for one page.</summary>
public sealed record ExtractionEvalResult(ExtractionEvalCase Case, ExtractedArticle Extracted, ExtractionScore Score)
{
    public bool ClassifiedCorrectly => Extracted.IsArticle == Case.ExpectedIsArticle;
}

/// <summary>The outcome for a set: per page, the mean over article pages, and how many pages were classified right.</summary>
public sealed record ExtractionEvalReport(IReadOnlyList<ExtractionEvalResult> Pages, ExtractionScore Mean, int Classified, int Total);

/// <summary>Runs an extractor over evaluation cases and scores it; shared by <c>digest eval extraction</c> and the ratchet test.</summary>
public static class ExtractionEvaluation
{
    public static ExtractionEvalReport Run(IArticleExtractor extractor, IEnumerable<ExtractionEvalCase> cases)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(cases);
        var results = new List<ExtractionEvalResult>();
        var articleScores = new List<ExtractionScore>();
        var classified = 0;
        foreach (var evalCase in cases.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var extracted = extractor.Extract(evalCase.Html, evalCase.ContentType, url: null);
            // Non-article pages are judged on recognition alone; their text is whatever was found.
            var score = evalCase.ExpectedIsArticle ? ExtractionScorer.Score(evalCase.ExpectedText, extracted.Text) : new ExtractionScore(1, 1);
            var result = new ExtractionEvalResult(evalCase, extracted, score);
            results.Add(result);
            if (evalCase.ExpectedIsArticle)
            {
                articleScores.Add(score);
            }

            if (result.ClassifiedCorrectly)
            {
                classified++;
            }
        }

        return new ExtractionEvalReport(results, ExtractionScorer.Mean(articleScores), classified, results.Count);
    }
}

namespace Digest.Core.Extraction;

/// <summary>Precision, recall and F1 of one extracted text against the expected text.</summary>
public readonly record struct ExtractionScore(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// The article-extraction benchmark metric (ScrapingHub article-extraction-benchmark): texts are split into \w+
/// tokens, tokens into overlapping 4-token shingles, and shingles compared as multisets. Over a set, precision and
/// recall are averaged per page and F1 is taken of the two means.
/// </summary>
public static class ExtractionScorer
{
    private const int ShingleSize = 4;

    public static ExtractionScore Score(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var expectedShingles = Shingles(expected);
        var actualShingles = Shingles(actual);
        var expectedTotal = Total(expectedShingles);
        var actualTotal = Total(actualShingles);
        if (expectedTotal == 0 && actualTotal == 0)
        {
            return new ExtractionScore(1, 1);
        }

        var truePositives = 0;
        foreach (var (shingle, count) in actualShingles)
        {
            truePositives += Math.Min(count, expectedShingles.GetValueOrDefault(shingle));
        }

        var precision = actualTotal == 0 ? 0 : (double)truePositives / actualTotal;
        var recall = expectedTotal == 0 ? 0 : (double)truePositives / expectedTotal;
        return new ExtractionScore(precision, recall);
    }

    /// <summary>Mean precision and mean recall over pages; the set's F1 is <see cref="ExtractionScore.F1"/> of the result.</summary>
    public static ExtractionScore Mean(IReadOnlyCollection<ExtractionScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return new ExtractionScore(0, 0);
        }

        double precision = 0, recall = 0;
        foreach (var score in scores)
        {
            precision += score.Precision;
            recall += score.Recall;
        }

        return new ExtractionScore(precision / scores.Count, recall / scores.Count);
    }

    /// <summary>\w+ tokens in order (the same classes as the regular expression \w).</summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && TextNormalizer.IsWordChar(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }
        }

        return tokens;
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Tokenize(text);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0)
        {
            return result;
        }

        // Texts shorter than a shingle count as one shingle of what they have.
        var count = Math.Max(1, tokens.Count - ShingleSize + 1);
        for (var i = 0; i < count; i++)
        {
            var key = string.Join('\u0001', tokens.GetRange(i, Math.Min(ShingleSize, tokens.Count - i)));
            result[key] = result.GetValueOrDefault(key) + 1;
        }

        return result;
    }

    private static int Total(Dictionary<string, int> shingles)
    {
        var total = 0;
        foreach (var count in shingles.Values)
        {
            total += count;
        }

        return total;
    }
}

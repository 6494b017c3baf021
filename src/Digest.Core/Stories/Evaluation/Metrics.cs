using Digest.Core.Text;

namespace Digest.Core.Stories.Evaluation;

/// <summary>Precision, recall and their harmonic mean, in [0, 1].</summary>
public readonly record struct PrecisionRecall(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>B-cubed clustering scores (Bagga &amp; Baldwin): per-item precision and recall of its cluster, averaged.</summary>
public static class BCubed
{
    /// <param name="gold">Item → gold cluster label.</param>
    /// <param name="predicted">Item → predicted cluster label; items missing here count as singletons.</param>
    public static PrecisionRecall Score(IReadOnlyDictionary<string, string> gold, IReadOnlyDictionary<string, string> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count == 0)
        {
            return new PrecisionRecall(0, 0);
        }

        string Predicted(string item) => predicted.TryGetValue(item, out var label) ? label : "\u0000" + item;
        var goldClusters = gold.GroupBy(p => p.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var predictedClusters = gold.Keys.GroupBy(Predicted, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        double precision = 0, recall = 0;
        foreach (var (item, label) in gold)
        {
            var mine = predictedClusters[Predicted(item)];
            var truth = goldClusters[label];
            var both = mine.Count(truth.Contains);
            precision += (double)both / mine.Count;
            recall += (double)both / truth.Count;
        }

        return new PrecisionRecall(precision / gold.Count, recall / gold.Count);
    }
}

/// <summary>Precision and recall of one class of a labelling.</summary>
public static class ClassScore
{
    public static PrecisionRecall Score(IEnumerable<(string Gold, string Predicted)> pairs, string positive)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        foreach (var (gold, predicted) in pairs)
        {
            var g = string.Equals(gold, positive, StringComparison.Ordinal);
            var p = string.Equals(predicted, positive, StringComparison.Ordinal);
            truePositive += g && p ? 1 : 0;
            falsePositive += !g && p ? 1 : 0;
            falseNegative += g && !p ? 1 : 0;
        }

        return new PrecisionRecall(
            truePositive + falsePositive == 0 ? 0 : (double)truePositive / (truePositive + falsePositive),
            truePositive + falseNegative == 0 ? 0 : (double)truePositive / (truePositive + falseNegative));
    }
}

/// <summary>ROUGE-N (Lin 2004): n-gram overlap of a candidate with a reference, lowercase words, no stemming or stopword removal.</summary>
public static class Rouge
{
    public static PrecisionRecall Score(string candidate, string reference, int n)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        var candidateGrams = Grams(candidate, n);
        var referenceGrams = Grams(reference, n);
        var overlap = referenceGrams.Sum(p => Math.Min(p.Value, candidateGrams.GetValueOrDefault(p.Key)));
        var candidateTotal = candidateGrams.Values.Sum();
        var referenceTotal = referenceGrams.Values.Sum();
        return new PrecisionRecall(
            candidateTotal == 0 ? 0 : (double)overlap / candidateTotal,
            referenceTotal == 0 ? 0 : (double)overlap / referenceTotal);
    }

    private static Dictionary<string, int> Grams(string text, int n)
    {
        var words = Tokenizer.Words(text);
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Count; i++)
        {
            var gram = string.Join(' ', words.Skip(i).Take(n));
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }

        return grams;
    }
}

using System.Text.Json;
using Digest.Core.Coverage;
using Digest.Core.Stories.Batch;
using Digest.Core.Summaries;

namespace Digest.Core.Stories.Evaluation;

/// <summary>Gold story label of a clustering fixture line: <c>{"id","story"}</c>.</summary>
public sealed record GoldStory(JsonElement Id, string? Story);

/// <summary>Gold labels of a novelty fixture line: <c>{"item","sentences":[{"sid","label"}]}</c>.</summary>
public sealed record GoldNovelty(JsonElement Item, IReadOnlyList<GoldSentence>? Sentences);

public sealed record GoldSentence(JsonElement Sid, string? Label);

/// <summary>Reference summary of a summarization fixture line: <c>{"story","summary"}</c>.</summary>
public sealed record GoldSummary(JsonElement Story, string? Summary);

/// <summary>All figures of <c>digest eval stories</c>.</summary>
public sealed record StoryEvaluationReport(
    PrecisionRecall Clustering, int ClusterArticles,
    PrecisionRecall NewSentences, int NoveltySentences,
    PrecisionRecall Rouge1, PrecisionRecall Rouge2, int Summaries);

/// <summary>
/// Runs the three batch verbs on fixture inputs and scores them against gold files: B-cubed for stories, precision and
/// recall of the "new" class for the coverage diff, ROUGE-1/2 (macro-averaged over stories) for summaries.
/// Takes file contents, not paths: the core does no I/O.
/// </summary>
public static class StoryEvaluation
{
    public static StoryEvaluationReport Run(string clusterInput, string clusterGold, string noveltyInput, string noveltyGold,
        string summarizeInput, string summarizeGold)
    {
        var clustering = EvaluateClustering(clusterInput, clusterGold, out var articles);
        var novelty = EvaluateNovelty(noveltyInput, noveltyGold, out var sentences);
        var (rouge1, rouge2, summaries) = EvaluateSummaries(summarizeInput, summarizeGold);
        return new StoryEvaluationReport(clustering, articles, novelty, sentences, rouge1, rouge2, summaries);
    }

    public static PrecisionRecall EvaluateClustering(string input, string gold, out int articles)
    {
        var items = JsonLines.Parse<BatchArticle>(input, a => a.Validate());
        var predicted = BatchProcessor.Cluster(items).ToDictionary(r => JsonLines.Key(r.Id), r => r.Story, StringComparer.Ordinal);
        var truth = JsonLines.Parse<GoldStory>(gold).ToDictionary(g => JsonLines.Key(g.Id), g => g.Story ?? string.Empty, StringComparer.Ordinal);
        articles = truth.Count;
        return BCubed.Score(truth, predicted);
    }

    public static PrecisionRecall EvaluateNovelty(string input, string gold, out int sentences)
    {
        var differ = new CoverageDiffer();
        var predicted = JsonLines.Parse<NoveltyRequest>(input, r => r.Validate())
            .Select(r => BatchProcessor.Novelty(r, differ))
            .SelectMany(r => r.Sentences.Select(s => (Key: JsonLines.Key(r.Item) + "/" + JsonLines.Key(s.Sid), s.Label)))
            .ToDictionary(p => p.Key, p => p.Label, StringComparer.Ordinal);
        var pairs = JsonLines.Parse<GoldNovelty>(gold)
            .SelectMany(g => (g.Sentences ?? []).Select(s => (Gold: s.Label ?? string.Empty,
                Predicted: predicted.GetValueOrDefault(JsonLines.Key(g.Item) + "/" + JsonLines.Key(s.Sid)) ?? "missing")))
            .ToList();
        sentences = pairs.Count;
        return ClassScore.Score(pairs, "new");
    }

    public static (PrecisionRecall Rouge1, PrecisionRecall Rouge2, int Summaries) EvaluateSummaries(string input, string gold)
    {
        var summarizer = new Summarizer();
        var produced = JsonLines.Parse<SummarizeRequest>(input, r => r.Validate())
            .Select(r => BatchProcessor.Summarize(r, summarizer))
            .ToDictionary(r => JsonLines.Key(r.Story), r => r.Summary, StringComparer.Ordinal);
        var references = JsonLines.Parse<GoldSummary>(gold);
        if (references.Count == 0)
        {
            return (default, default, 0);
        }

        var one = references.Select(r => Rouge.Score(produced.GetValueOrDefault(JsonLines.Key(r.Story)) ?? string.Empty, r.Summary ?? string.Empty, 1)).ToList();
        var two = references.Select(r => Rouge.Score(produced.GetValueOrDefault(JsonLines.Key(r.Story)) ?? string.Empty, r.Summary ?? string.Empty, 2)).ToList();
        return (Average(one), Average(two), references.Count);
    }

    private static PrecisionRecall Average(List<PrecisionRecall> scores)
        => new(scores.Average(s => s.Precision), scores.Average(s => s.Recall));
}

using Digest.Core.Coverage;
using Digest.Core.Summaries;

namespace Digest.Core.Stories.Batch;

/// <summary>The three batch verbs as pure functions over parsed records, shared by the CLI and the evaluation.</summary>
public static class BatchProcessor
{
    /// <summary>
    /// Clusters a whole batch: document frequencies are counted over every input article first (a batch knows its whole
    /// vocabulary), then articles are clustered online in publication order (undated ones at the last date before them in
    /// the input). Output is in input order.
    /// </summary>
    public static IReadOnlyList<ClusterResult> Cluster(IReadOnlyList<BatchArticle> articles, StoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        options ??= new StoryOptions();
        var documents = articles.Select(a => a.ToDocument()).ToList();
        var firstDate = documents.FirstOrDefault(d => d.Published is not null)?.Published ?? DateTimeOffset.UnixEpoch;
        var lastDate = firstDate;
        var dated = new List<CoverageDocument>(documents.Count);
        foreach (var document in documents)
        {
            lastDate = document.Published ?? lastDate;
            dated.Add(document with { Published = lastDate });
        }

        var clusterer = new StoryClusterer(options);
        var features = dated.Select((d, i) => ArticleFeatures.Create(d, options, undated: documents[i].Published is null)).ToList();
        foreach (var feature in features)
        {
            clusterer.CountFrequencies(feature);
        }

        var order = Enumerable.Range(0, dated.Count).OrderBy(i => dated[i].Published).ThenBy(i => i).ToList();
        var stories = new string[dated.Count];
        var storyOfArticleId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in order)
        {
            // Duplicate ids in the input are the same article: they get the same story.
            if (!storyOfArticleId.TryGetValue(features[i].Id, out var story))
            {
                story = clusterer.Assign(features[i], countFrequency: false).StoryId;
                storyOfArticleId[features[i].Id] = story;
            }

            stories[i] = story;
        }

        return articles.Select((a, i) => new ClusterResult(a.Id, stories[i])).ToList();
    }

    public static SummarizeResult Summarize(SummarizeRequest request, Summarizer? summarizer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        summarizer ??= new Summarizer();
        var asOf = JsonLines.ParseDate(request.AsOf, "as_of");
        var articles = (request.Articles ?? [])
            .Select(a => a.ToDocument())
            .Where(d => asOf is null || d.Published is null || d.Published <= asOf)
            .ToList();
        return new SummarizeResult(request.Story, summarizer.SummarizeStoryText(articles, request.MaxWords ?? 0));
    }

    public static NoveltyResult Novelty(NoveltyRequest request, CoverageDiffer? differ = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        differ ??= new CoverageDiffer();
        var earlier = (request.Earlier ?? [])
            .Select((e, i) => (Document: e.ToDocument(), Index: i))
            .OrderBy(p => p.Document.Published ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.Index)
            .Select(p => p.Document)
            .ToList();
        var sentences = request.Article!.Sentences!;
        var labels = differ.LabelSentences(sentences.Select(s => s.Text!).ToList(), earlier);
        return new NoveltyResult(request.Item, sentences
            .Select((s, i) => new NoveltyLabel(s.Sid, labels[i].IsNew ? "new" : "repeated", Math.Round(labels[i].NoveltyScore, 4)))
            .ToList());
    }
}

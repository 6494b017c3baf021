using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Json;
using Digest.Core.Sources;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Summaries;

namespace Digest.Core.Processing;

/// <summary>
/// The process stage, one queue message at a time: attach the article to a story, label what it adds to earlier
/// coverage, summarize it, refresh the story's summary, and record the day's activity for the briefing.
/// </summary>
/// <remarks>
/// Idempotent, because delivery is at least once: a processed article is skipped; attaching is idempotent in the
/// story tracker; every other write is a pure function of the article and its story's earlier articles, so a retry
/// after a crash writes the same documents again.
/// </remarks>
public sealed class ProcessHandler(
    IBlobStore blobs,
    IStoryTracker stories,
    ICoverageDiffer differ,
    ISummarizer summarizer,
    IRunReporter reporter)
{
    /// <summary>Word budget of a story's running summary.</summary>
    public const int StorySummaryWords = 120;

    private readonly JsonDocumentStore documents = new(blobs, reporter);
    private readonly ArticleArchive articles = new(blobs, reporter);

    public async Task HandleAsync(string messageText, CancellationToken cancellationToken = default)
    {
        ArticleMessage message;
        try
        {
            message = DigestJson.Deserialize<ArticleMessage>(System.Text.Encoding.UTF8.GetBytes(messageText));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"Queue message is not an article message: {ex.Message}", ex);
        }

        await ProcessAsync(message.ArticleId, cancellationToken);
    }

    public async Task ProcessAsync(string articleId, CancellationToken cancellationToken = default)
    {
        var article = await articles.GetAsync(articleId, cancellationToken)
            ?? throw new InvalidDataException($"Article {articleId} is not in the archive.");
        if (article.Status == ArticleStatus.Processed)
        {
            return;
        }

        var document = ToDocument(article);
        var attachment = await stories.AttachAsync(document, cancellationToken);
        var story = await stories.GetAsync(attachment.StoryId, cancellationToken)
            ?? throw new InvalidOperationException($"Story {attachment.StoryId} vanished after the article was attached.");

        // A bounded sample of the earlier members, not all of them: one story carried by a thousand outlets must not make
        // each of its articles cost a thousand reads and a thousand-article diff.
        var earlierIds = StorySample.Select(attachment.EarlierArticleIds, story.NearDuplicateArticleIds);
        var earlier = await LoadDocumentsAsync(earlierIds, [], cancellationToken);

        var novelty = differ.Diff(document, earlier);
        var summary = summarizer.SummarizeArticle(document);

        await RefreshStorySummaryAsync(story, [.. earlier, document], cancellationToken);
        await documents.WriteAsync(Containers.State, BlobPaths.Activity(DateOnly.FromDateTime(article.Published.UtcDateTime), article.Id),
            new ActivityRecord(article.Id, attachment.StoryId, article.Published), cancellationToken: cancellationToken);

        // Written last: the article turns Processed only when everything it depends on is in storage.
        await articles.WriteAsync(article with
        {
            Status = ArticleStatus.Processed,
            StoryId = attachment.StoryId,
            Summary = summary,
            Novelty = novelty,
        }, cancellationToken);

        reporter.Info($"{article.Outlet}: \"{article.Title}\" -> story {attachment.StoryId}"
            + (attachment.IsNewStory ? " (new)" : $" ({novelty.New.Count} new, {novelty.Repeated.Count} repeated sentence(s))"));
    }

    /// <summary>
    /// Recomputes the story summary from its articles (all of them, or the bounded <see cref="StorySample"/> of a very
    /// large story). The write is skipped when another worker attached an article since <paramref name="story"/> was
    /// read: that worker's own refresh sees the larger story and writes the fuller summary.
    /// </summary>
    private async Task RefreshStorySummaryAsync(Story story, IReadOnlyList<CoverageDocument> known, CancellationToken cancellationToken)
    {
        var memberIds = StorySample.Select(story.ArticleIds, story.NearDuplicateArticleIds);
        var members = await LoadDocumentsAsync(memberIds, known, cancellationToken);
        var summary = summarizer.SummarizeStory(members, StorySummaryWords);
        await stories.UpdateAsync(story.Id, current =>
            current.ArticleIds.SequenceEqual(story.ArticleIds, StringComparer.Ordinal)
                ? current with { Summary = summary }
                : current, cancellationToken);
    }

    /// <summary>The documents of these articles in order, reading from storage only those not already in <paramref name="known"/>.</summary>
    private async Task<IReadOnlyList<CoverageDocument>> LoadDocumentsAsync(IReadOnlyList<string> articleIds,
        IReadOnlyList<CoverageDocument> known, CancellationToken cancellationToken)
    {
        var byId = known.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var loaded = await articles.GetManyAsync(articleIds.Where(id => !byId.ContainsKey(id)),
            id => reporter.Warning($"Story member {id} is missing from the archive; left out."), cancellationToken);
        foreach (var article in loaded)
        {
            byId[article.Id] = ToDocument(article);
        }

        return articleIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public static CoverageDocument ToDocument(Article article)
        => new(article.Id, article.Outlet, article.Title, article.Text, article.Published);
}

/// <summary><c>state/activity/&lt;day&gt;/&lt;articleId&gt;.json</c>: an article processed into a story, by publication day.</summary>
public sealed record ActivityRecord(string ArticleId, string StoryId, DateTimeOffset Published);

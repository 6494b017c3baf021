using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Diagnostics;
using Digest.Core.Extraction;
using Digest.Core.Feeds;
using Digest.Core.Fetching;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Storage;

namespace Digest.Core.Sources;

/// <summary>
/// The fetch stage: reads every source's feed, downloads and extracts each new item's page, archives the raw page and
/// the article, and queues one message per new article.
/// </summary>
/// <remarks>
/// Crash safety comes from ordering, not transactions: the source's state (validators, seen ids) is written last, so a
/// run that dies halfway fetches the same items again next time. Pages already archived are not downloaded again but
/// are queued again; the process stage ignores articles it has already processed, so a duplicate message is harmless.
/// </remarks>
public sealed class FetchHandler(
    IPageFetcher fetcher,
    IArticleExtractor extractor,
    IBlobStore blobs,
    IMessageQueue queue,
    TimeProvider clock,
    IRunReporter reporter)
{
    private readonly JsonDocumentStore documents = new(blobs);
    private readonly ArticleArchive articles = new(blobs);

    public async Task<IReadOnlyList<SourceFetchResult>> FetchAllAsync(SourcesConfig config, CancellationToken cancellationToken = default)
    {
        var results = new List<SourceFetchResult>(config.Sources.Count);
        foreach (var source in config.Sources)
        {
            results.Add(await FetchSourceAsync(source, cancellationToken));
        }

        return results;
    }

    /// <summary>Fetches one source. Never throws for a bad source: the failure is recorded in its state and returned.</summary>
    public async Task<SourceFetchResult> FetchSourceAsync(SourceConfig source, CancellationToken cancellationToken = default)
    {
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        var statePath = BlobPaths.SourceState(sourceId);
        var state = await documents.GetAsync<SourceState>(Containers.State, statePath, cancellationToken)
            ?? new SourceState { SourceId = sourceId, Name = source.Name, Url = source.Url };
        var now = clock.GetUtcNow();

        Feed feed;
        FetchResult feedResponse;
        try
        {
            var sameUrl = state.Url == source.Url;
            feedResponse = await fetcher.FetchAsync(
                new FetchRequest(source.Url, sameUrl ? state.ETag : null, sameUrl ? state.LastModified : null), cancellationToken);
            if (feedResponse.NotModified)
            {
                await SaveAsync(statePath, state with { LastAttempt = now, LastSuccess = now, ConsecutiveFailures = 0, LastError = null }, cancellationToken);
                reporter.Info($"{source.Name}: not modified");
                return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: true, Error: null);
            }

            feed = FeedParser.Parse(feedResponse.Content, feedResponse.FinalUri);
        }
        catch (Exception ex) when (ex is FetchException or FeedFormatException)
        {
            // A failed fetch leaves validators and seen ids exactly as they were.
            var failures = state.ConsecutiveFailures + 1;
            await SaveAsync(statePath, state with { Url = source.Url, LastAttempt = now, ConsecutiveFailures = failures, LastError = ex.Message }, cancellationToken);
            reporter.Warning($"{source.Name}: {ex.Message} ({failures.ToString(CultureInfo.InvariantCulture)} failure(s) in a row)");
            return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: false, Error: ex.Message);
        }

        // Ids seen in earlier runs, and in this feed so far (a feed may list an item twice).
        var handled = new HashSet<string>(state.SeenIds, StringComparer.Ordinal);
        var newlySeen = new List<string>();
        int queued = 0, notArticles = 0, pageFailures = 0;
        var overrides = SourceOverrides.ForSource(source);

        foreach (var item in feed.Items)
        {
            var articleId = ItemIdentity.ArticleId(sourceId, item);
            if (!handled.Add(articleId))
            {
                continue;
            }

            var outcome = await TakeItemAsync(source, sourceId, articleId, item, overrides, cancellationToken);
            switch (outcome)
            {
                case ItemOutcome.Queued: queued++; newlySeen.Add(articleId); break;
                case ItemOutcome.NotArticle: notArticles++; newlySeen.Add(articleId); break;
                case ItemOutcome.Failed: pageFailures++; break; // not marked seen: tried again next run
                default: throw new InvalidOperationException($"Unknown outcome {outcome}.");
            }
        }

        var seenIds = state.SeenIds.Concat(newlySeen).ToList();
        if (seenIds.Count > SourceState.SeenLimit)
        {
            seenIds = seenIds.GetRange(seenIds.Count - SourceState.SeenLimit, SourceState.SeenLimit);
        }

        // A page failure keeps the old validators, so the next run reads the feed again instead of getting a 304
        // and never retrying the page.
        var keepValidators = pageFailures > 0;
        await SaveAsync(statePath, state with
        {
            Url = source.Url,
            ETag = keepValidators ? state.ETag : feedResponse.ETag,
            LastModified = keepValidators ? state.LastModified : feedResponse.LastModified,
            SeenIds = seenIds,
            ConsecutiveFailures = 0,
            LastSuccess = now,
            LastAttempt = now,
            LastError = null,
        }, cancellationToken);

        reporter.Info($"{source.Name}: {queued.ToString(CultureInfo.InvariantCulture)} new article(s)"
            + (notArticles > 0 ? $", {notArticles.ToString(CultureInfo.InvariantCulture)} not an article" : "")
            + (pageFailures > 0 ? $", {pageFailures.ToString(CultureInfo.InvariantCulture)} page(s) failed" : ""));
        return new SourceFetchResult(sourceId, source.Name, queued, notArticles, pageFailures, NotModified: false, Error: null);
    }

    private async Task<ItemOutcome> TakeItemAsync(SourceConfig source, string sourceId, string articleId, FeedItem item,
        ExtractionOverrides? overrides, CancellationToken cancellationToken)
    {
        var existing = await articles.GetAsync(articleId, cancellationToken);
        if (existing is not null)
        {
            // Archived by a run that died before it recorded the item as seen; queue it again unless already done.
            if (existing.Status != ArticleStatus.Processed)
            {
                await EnqueueAsync(existing, cancellationToken);
            }

            return ItemOutcome.Queued;
        }

        if (item.Link is null)
        {
            reporter.Warning($"{source.Name}: item \"{item.Title}\" has no link");
            return ItemOutcome.NotArticle;
        }

        FetchResult page;
        try
        {
            page = await fetcher.FetchAsync(new FetchRequest(item.Link), cancellationToken);
        }
        catch (FetchException ex)
        {
            reporter.Warning($"{source.Name}: {item.Link}: {ex.Message}");
            return ItemOutcome.Failed;
        }

        var extracted = extractor.Extract(page.Content, page.ContentType, page.FinalUri, overrides);
        if (!extracted.IsArticle)
        {
            reporter.Warning($"{source.Name}: {item.Link}: not an article ({extracted.NotArticleReason})");
            return ItemOutcome.NotArticle;
        }

        var now = clock.GetUtcNow();
        var article = new Article
        {
            Id = articleId,
            Url = item.Link,
            CanonicalUrl = extracted.CanonicalUrl,
            Outlet = source.Name,
            SourceId = sourceId,
            Title = FirstNonEmpty(extracted.Title, item.Title) ?? item.Link.ToString(),
            Byline = extracted.Byline,
            Published = extracted.Published ?? item.Published ?? now,
            Modified = extracted.Modified,
            Language = extracted.Language,
            Text = extracted.Text,
            FetchedAt = now,
            Status = ArticleStatus.Extracted,
        };

        await blobs.PutAsync(Containers.Raw, BlobPaths.RawPage(articleId), page.Content, page.ContentType ?? "text/html", cancellationToken: cancellationToken);
        await articles.WriteAsync(article, cancellationToken);
        await EnqueueAsync(article, cancellationToken);
        return ItemOutcome.Queued;
    }

    private Task EnqueueAsync(Article article, CancellationToken cancellationToken)
        => queue.EnqueueAsync(QueueNames.Articles, DigestJson.SerializeLine(new ArticleMessage(article.Id, article.Published)), cancellationToken);

    private Task<string> SaveAsync(string statePath, SourceState state, CancellationToken cancellationToken)
        => documents.WriteAsync(Containers.State, statePath, state, cancellationToken: cancellationToken);

    private static string? FirstNonEmpty(params string?[] values)
        => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private enum ItemOutcome
    {
        Queued,
        NotArticle,
        Failed,
    }
}

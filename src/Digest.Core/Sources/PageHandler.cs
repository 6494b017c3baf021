using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Diagnostics;
using Digest.Core.Extraction;
using Digest.Core.Fetching;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Safety;
using Digest.Core.Storage;

namespace Digest.Core.Sources;

/// <summary>
/// The page stage, one item per <c>pages</c> message: download the page, extract the article, bound its publication
/// time, archive the raw page and the article, and queue it on <c>articles</c>.
/// </summary>
/// <remarks>
/// <para>Idempotent, because delivery is at least once: an article already archived is not downloaded again, only
/// queued again unless it is processed; every write is a pure function of the message and the page.</para>
/// <para>A page's failure is this item's alone and is never lost: it is recorded in <c>state/page-failures/</c> and the
/// message is sent again, hidden for <see cref="FetchLimits.RetryDelayAfter"/>, with one more attempt counted; after
/// <see cref="FetchLimits.MaxPageAttempts"/> the page is given up. The invocation itself then succeeds, so the host's
/// own quick retries and poison queue are kept for what is not the page's fault (storage, a malformed message).</para>
/// </remarks>
public sealed class PageHandler(
    IPageFetcher fetcher,
    IArticleExtractor extractor,
    IBlobStore blobs,
    IMessageQueue queue,
    SourcesConfig config,
    TimeProvider clock,
    IRunReporter reporter,
    Func<Exception, bool>? isStorageFailure = null)
{
    /// <summary>
    /// Storage failing (a full disk, an outage) is not this page's fault: such a failure goes to the queue host, which
    /// pauses the stage, instead of counting as one of the page's attempts.
    /// </summary>
    private readonly Func<Exception, bool> storageFailure = isStorageFailure ?? (ex => ex is IOException or UnauthorizedAccessException);

    /// <summary>The longest a queue can hide a message (Azure: 7 days); a longer wait is served in several hops.</summary>
    public static readonly TimeSpan MaxQueueDelay = TimeSpan.FromDays(7);

    /// <summary>
    /// The shortest wait of a retry that came early. A host whose clock stands still (a local run with <c>--now</c>)
    /// would otherwise see the message again at once and loop; on a real clock a minute more is nothing.
    /// </summary>
    public static readonly TimeSpan MinNotDueDelay = TimeSpan.FromMinutes(1);

    private readonly JsonDocumentStore documents = new(blobs, reporter);
    private readonly ArticleArchive articles = new(blobs, reporter);
    private readonly Dictionary<string, SourceConfig> sources = SourceLookup.ById(config);

    /// <summary>Handles one <c>pages</c> message; a malformed message throws <see cref="InvalidDataException"/>.</summary>
    public async Task<PageOutcome> HandleAsync(string messageText, CancellationToken cancellationToken = default)
    {
        var message = MessageText.Parse<PageMessage>(messageText, "page");
        if (message.SourceId is null || message.ArticleId is null || message.Link is null)
        {
            throw new InvalidDataException("Queue message is not a page message: sourceId, articleId and link are required.");
        }

        if (!sources.TryGetValue(message.SourceId, out var source))
        {
            reporter.Warning($"{message.Source}: {message.Link}: the source is not in the sources file any more; page dropped.", Subject(message));
            return new PageOutcome(message.SourceId, PageResult.Dropped);
        }

        var now = clock.GetUtcNow();
        if (message.NotBefore is { } due && due > now)
        {
            // The queue showed it early: its clock is not this stage's (a local run with --now, or a wait longer than
            // a queue can hide a message). Wait out the rest.
            var rest = due - now < MinNotDueDelay ? MinNotDueDelay : due - now;
            await queue.EnqueueAsync(QueueNames.Pages, messageText, QueueDelay(rest), cancellationToken);
            return new PageOutcome(message.SourceId, PageResult.NotDue);
        }

        try
        {
            return new PageOutcome(message.SourceId, await TakeAsync(source, message, cancellationToken));
        }
        catch (FetchException ex)
        {
            reporter.Warning($"{source.Name}: {message.Link}: {ex.Message}", Subject(message));
            return new PageOutcome(message.SourceId, await FailedAsync(message, ex.Message, cancellationToken));
        }
        catch (Exception ex) when ((ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && !storageFailure(ex))
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            reporter.Warning($"{source.Name}: {message.Link}: failed: {error}", Subject(message));
            return new PageOutcome(message.SourceId, await FailedAsync(message, error, cancellationToken));
        }
    }

    private async Task<PageResult> TakeAsync(SourceConfig source, PageMessage message, CancellationToken cancellationToken)
    {
        var existing = await articles.GetAsync(message.ArticleId, cancellationToken);
        if (existing is not null)
        {
            // Archived by an invocation that died before its message was deleted; queue it again unless already done.
            if (existing.Status != ArticleStatus.Processed)
            {
                await EnqueueAsync(existing, cancellationToken);
            }

            await ForgetFailureAsync(message, cancellationToken);
            return PageResult.Archived;
        }

        var link = message.Link;
        // The message's permission is narrowed by the configured feed: a message can never widen what the sources file allows.
        var allowFile = message.AllowFile && FileLinks.IsBesideFileFeed(source.Url, link);
        var page = await fetcher.FetchAsync(new FetchRequest(link, AllowFile: allowFile), cancellationToken);
        var extracted = extractor.Extract(page.Content, page.ContentType, page.FinalUri, SourceOverrides.ForSource(source));
        if (!extracted.IsArticle)
        {
            reporter.Warning($"{source.Name}: {link}: not an article ({extracted.NotArticleReason})", Subject(message));
            await ForgetFailureAsync(message, cancellationToken);
            return PageResult.NotArticle;
        }

        var now = clock.GetUtcNow();
        var claimed = extracted.Published ?? message.Published ?? now;
        var (published, notBelieved) = PublicationBound.Bound(claimed, message.FirstSeen, now, message.FollowedBefore,
            config.Limits.BackdateTolerance);
        if (notBelieved is not null)
        {
            reporter.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{source.Name}: {link}: claims to be published {claimed:O}; recorded as {published:O}."), Subject(message));
        }

        var article = new Article
        {
            Id = message.ArticleId,
            Url = link,
            CanonicalUrl = SafeUrl.HttpOrNull(extracted.CanonicalUrl),
            Outlet = source.Name,
            SourceId = message.SourceId,
            Title = SafeText.Inline(extracted.Title) ?? SafeText.Inline(message.Title) ?? link.ToString(),
            Byline = SafeText.Inline(extracted.Byline),
            Published = published,
            PublishedClaimed = notBelieved,
            Modified = extracted.Modified,
            Language = SafeText.Inline(extracted.Language),
            Text = SafeText.Multiline(extracted.Text),
            FetchedAt = now,
            Status = ArticleStatus.Extracted,
        };

        await blobs.PutAsync(Containers.Raw, BlobPaths.RawPage(message.ArticleId), page.Content, page.ContentType ?? "text/html", cancellationToken: cancellationToken);
        await articles.WriteAsync(article, cancellationToken);
        await EnqueueAsync(article, cancellationToken);
        await ForgetFailureAsync(message, cancellationToken);
        return PageResult.Archived;
    }

    /// <summary>Records one more failure of the page and sends its message again for later, or gives it up.</summary>
    /// <summary>The page's ids and address, as report fields.</summary>
    private static ReportSubject Subject(PageMessage message) => ReportSubject.Page(message.SourceId, message.ArticleId, message.Link?.OriginalString);

    private async Task<PageResult> FailedAsync(PageMessage message, string error, CancellationToken cancellationToken)
    {
        var limits = config.Limits;
        var failures = message.Attempts + 1;
        var now = clock.GetUtcNow();
        var path = BlobPaths.PageFailure(message.SourceId, message.ArticleId);
        var record = new PageFailure
        {
            ArticleId = message.ArticleId,
            SourceId = message.SourceId,
            Url = message.Link,
            Failures = failures,
            FirstSeen = message.FirstSeen,
            LastAttempt = now,
            LastError = error,
        };
        if (failures >= limits.MaxPageAttempts)
        {
            reporter.Warning($"{message.Source}: {message.Link}: giving up after {failures.ToString(CultureInfo.InvariantCulture)} failed attempts.", Subject(message));
            await documents.WriteAsync(Containers.State, path, record with { GaveUp = true }, cancellationToken: cancellationToken);
            return PageResult.GaveUp;
        }

        // Record first, then send: a crash in between leaves the old message to be retried by the host, never a lost page.
        var delay = limits.RetryDelayAfter(failures);
        await documents.WriteAsync(Containers.State, path, record with { NextAttempt = now + delay }, cancellationToken: cancellationToken);
        var retry = message with { Attempts = failures, NotBefore = now + delay };
        await queue.EnqueueAsync(QueueNames.Pages, DigestJson.SerializeLine(retry), QueueDelay(delay), cancellationToken);
        return PageResult.RetryLater;
    }

    /// <summary>A page that failed before and has now been dealt with needs no failure record any more.</summary>
    private async Task ForgetFailureAsync(PageMessage message, CancellationToken cancellationToken)
    {
        if (message.Attempts > 0)
        {
            await blobs.DeleteAsync(Containers.State, BlobPaths.PageFailure(message.SourceId, message.ArticleId), cancellationToken: cancellationToken);
        }
    }

    private static TimeSpan QueueDelay(TimeSpan wait) => wait > MaxQueueDelay ? MaxQueueDelay : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private Task EnqueueAsync(Article article, CancellationToken cancellationToken)
        => queue.EnqueueAsync(QueueNames.Articles, DigestJson.SerializeLine(new ArticleMessage(article.Id, article.Published)), cancellationToken);
}

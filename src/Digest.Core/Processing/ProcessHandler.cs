using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Json;
using Digest.Core.Sources;
using Digest.Core.Storage;

namespace Digest.Core.Processing;

/// <summary>
/// The process stage's queue handler, one <c>articles</c> message at a time and in any order: it records the article
/// as pending for <see cref="StoryFold"/>, which attaches it to a story, labels what it adds to earlier coverage,
/// summarizes it and records the day's activity, in publication order.
/// </summary>
/// <remarks>
/// Idempotent, because delivery is at least once: a processed article is skipped, and registering the same article
/// twice writes the same pending entry.
/// </remarks>
public sealed class ProcessHandler(IBlobStore blobs, StoryFold fold, IRunReporter reporter)
{
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

        await RegisterAsync(message.ArticleId, cancellationToken);
    }

    /// <summary>Records the article for the next fold, unless it is processed already.</summary>
    public async Task RegisterAsync(string articleId, CancellationToken cancellationToken = default)
    {
        var article = await articles.GetAsync(articleId, cancellationToken)
            ?? throw new InvalidDataException($"Article {articleId} is not in the archive.");
        if (article.Status != ArticleStatus.Processed)
        {
            await fold.RegisterAsync(article, cancellationToken);
        }
    }

    /// <summary>Registers one article and folds everything pending: what a single ordered worker does.</summary>
    public async Task ProcessAsync(string articleId, CancellationToken cancellationToken = default)
    {
        await RegisterAsync(articleId, cancellationToken);
        await fold.RunAsync(cancellationToken);
    }

    public static CoverageDocument ToDocument(Article article) => StoryFold.ToDocument(article);
}

/// <summary><c>state/activity/&lt;day&gt;/&lt;articleId&gt;.json</c>: an article processed into a story, by publication day.</summary>
public sealed record ActivityRecord(string ArticleId, string StoryId, DateTimeOffset Published);

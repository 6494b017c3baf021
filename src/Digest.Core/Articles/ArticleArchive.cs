using Digest.Core.Diagnostics;
using Digest.Core.Storage;

namespace Digest.Core.Articles;

/// <summary>The articles in storage, <c>articles/&lt;id&gt;.json</c>: the one place that knows where they live.</summary>
public sealed class ArticleArchive(IBlobStore blobs, IRunReporter? reporter = null)
{
    private readonly JsonDocumentStore documents = new(blobs, reporter);

    public Task<Article?> GetAsync(string articleId, CancellationToken cancellationToken = default)
        => documents.GetAsync<Article>(Containers.Articles, BlobPaths.Article(articleId), cancellationToken);

    /// <summary>Writes the article whole; every writer derives it from the same inputs, so a rewrite is idempotent.</summary>
    public Task WriteAsync(Article article, CancellationToken cancellationToken = default)
        => documents.WriteAsync(Containers.Articles, BlobPaths.Article(article.Id), article, cancellationToken: cancellationToken);

    /// <summary>The articles with these ids that are in storage, in the given order; <paramref name="missing"/> hears of the others.</summary>
    public async Task<List<Article>> GetManyAsync(IEnumerable<string> articleIds, Action<string>? missing = null,
        CancellationToken cancellationToken = default)
    {
        var result = new List<Article>();
        foreach (var id in articleIds)
        {
            if (await GetAsync(id, cancellationToken) is { } article)
            {
                result.Add(article);
            }
            else
            {
                missing?.Invoke(id);
            }
        }

        return result;
    }
}

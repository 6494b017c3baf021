using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Http;

/// <summary>The archive's stories and articles, and the sources' health; admin routes, each needing a function key.</summary>
public sealed class ArchiveApi(DigestApi api)
{
    [Function("GetStory")]
    public async Task<IActionResult> StoryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "stories/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
        => new ApiActionResult(await api.GetStoryAsync(id, cancellationToken));

    [Function("GetArticle")]
    public async Task<IActionResult> ArticleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
        => new ApiActionResult(await api.GetArticleAsync(id, cancellationToken));

    [Function("ListSources")]
    public async Task<IActionResult> SourcesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sources")] HttpRequest request, CancellationToken cancellationToken)
        => new ApiActionResult(await api.SourcesAsync(cancellationToken));
}

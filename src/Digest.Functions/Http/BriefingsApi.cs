using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Http;

/// <summary>The briefing routes; admin routes, so each needs a function key (the host checks it).</summary>
public sealed class BriefingsApi(DigestApi api)
{
    [Function("RunBriefing")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "briefings/run")] HttpRequest request, CancellationToken cancellationToken)
        => new ApiActionResult(await api.RunBriefingAsync(request.Body, cancellationToken));

    [Function("ListBriefings")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "briefings")] HttpRequest request, CancellationToken cancellationToken)
        => new ApiActionResult(await api.ListBriefingsAsync(cancellationToken));

    [Function("GetBriefing")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "briefings/{date}")] HttpRequest request, string date,
        CancellationToken cancellationToken)
        => new ApiActionResult(await api.GetBriefingAsync(date, cancellationToken));
}

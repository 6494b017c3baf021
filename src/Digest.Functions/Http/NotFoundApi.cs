using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Http;

/// <summary>
/// Every other path under /api: a JSON problem (404) instead of the host's empty answer. Anonymous, because it reveals
/// nothing; the host's router prefers every literal route above, so it only catches what nothing else matches.
/// </summary>
public static class NotFoundApi
{
    [Function("NotFound")]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request)
        => new ApiActionResult(ApiResponse.NotFound("No such route."));
}

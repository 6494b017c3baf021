using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Mvc;

namespace Digest.Functions.Http;

/// <summary>Writes an <see cref="ApiResponse"/> exactly as <c>digest serve</c> does, so both hosts answer alike.</summary>
public sealed class ApiActionResult(ApiResponse response) : IActionResult
{
    public ApiResponse Response => response;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return response.WriteAsync(context.HttpContext.Response, context.HttpContext.RequestAborted);
    }
}

using Digest.Core.Site;
using Digest.Core.Storage;
using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Digest.Cli.Serve;

/// <summary>
/// The archive site at <c>/</c>, as Azure's static website endpoint serves <c>$web</c>: <c>/</c> and every folder
/// address (<c>/stories/s-1/</c>) answer with the folder's <c>index.html</c>; a folder address without its slash is
/// redirected to it, so the pages' relative links resolve; any other site address answers 404 with the site's
/// <see cref="SitePaths.NotFound"/> page (the static website's error document), or the API's JSON 404 before the site
/// exists. <c>/api/…</c> and other methods always get the API's JSON 404.
/// </summary>
internal static class SiteFiles
{
    public static async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api"
            || !SitePaths.TryFromRequest(path, out var sitePath))
        {
            await ApiResponse.NotFound("No such route.").WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        var blobs = context.RequestServices.GetRequiredService<IBlobStore>();
        if (await blobs.GetAsync(Containers.Site, sitePath, context.RequestAborted) is { } file)
        {
            await WriteAsync(context, StatusCodes.Status200OK, sitePath, file.Content);
            return;
        }

        // "/stories/s-1" names the folder: send the browser to "/stories/s-1/", where the page's relative links work.
        if (!path.EndsWith('/') && !Path.HasExtension(sitePath)
            && await blobs.GetAsync(Containers.Site, sitePath + "/" + SitePaths.Home, context.RequestAborted) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = request.PathBase + path + "/";
            return;
        }

        if (await blobs.GetAsync(Containers.Site, SitePaths.NotFound, context.RequestAborted) is { } notFound)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, SitePaths.NotFound, notFound.Content);
            return;
        }

        await ApiResponse.NotFound("No such page.").WriteAsync(context.Response, context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, int status, string sitePath, ReadOnlyMemory<byte> content)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = SiteWriter.ContentTypeOf(sitePath);
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentLength = content.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted);
        }
    }
}

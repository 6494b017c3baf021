using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Digest.Cli.Tests.Support;

/// <summary>
/// Serves a folder over HTTP on 127.0.0.1 with a free port, as an outlet's web site would: feeds and pages with their
/// content types, ETag and Last-Modified, and 304 answers to conditional requests.
/// </summary>
internal sealed class StaticSiteServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticSiteServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Requests seen, in order: "GET /path 200".</summary>
    public List<string> Log { get; } = [];

    public static async Task<StaticSiteServer> StartAsync(string root, Func<HttpContext, bool>? intercept = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StaticSiteServer? server = null;
        app.Run(async context =>
        {
            if (intercept?.Invoke(context) == true)
            {
                return;
            }

            await ServeFileAsync(root, context);
            lock (server!.Log)
            {
                server.Log.Add($"{context.Request.Method} {context.Request.Path} {context.Response.StatusCode}");
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new StaticSiteServer(app, new Uri(address + "/"));
        return server;
    }

    private static async Task ServeFileAsync(string root, HttpContext context)
    {
        var relative = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(path))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var info = new FileInfo(path);
        var etag = $"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = info.LastWriteTimeUtc.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = Path.GetExtension(path) switch
        {
            ".xml" => "application/xml",
            ".json" => "application/json",
            // Outlets often leave the charset to the page's meta tag; so do we.
            ".html" => "text/html",
            _ => "application/octet-stream",
        };
        await context.Response.SendFileAsync(path);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Digest.Cli.Bench;

/// <summary>Serves a folder on 127.0.0.1 with a free port: the generated outlets of a benchmark, fetched like real ones.</summary>
internal sealed class LoopbackFolderServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackFolderServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<LoopbackFolderServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        app.Run(async context =>
        {
            var relative = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(fullRoot, relative));
            if (!path.StartsWith(fullRoot, StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = path.EndsWith(".xml", StringComparison.Ordinal) ? "application/rss+xml" : "text/html; charset=utf-8";
            await context.Response.SendFileAsync(path);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackFolderServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Digest.Cli.Tests.Support;

/// <summary>A web app answering every request with one handler, on a loopback address and a free port.</summary>
internal sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackApp(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <param name="address">A loopback address; tests use 127.0.0.2 for a server that must count as internal.</param>
    /// <param name="handler">Answers every request.</param>
    public static async Task<LoopbackApp> StartAsync(string address, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:0");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackApp(app, new Uri(bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

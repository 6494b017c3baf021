using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Digest.Infrastructure.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 (or another loopback address: Linux routes all of 127/8 and ::1 to lo) and a free
/// port, with routes mapped by the test. Nothing leaves the machine.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's root, ending in '/'.</summary>
    public Uri BaseUri { get; }

    public Uri Url(string relative) => new(BaseUri, relative);

    public int Port => BaseUri.Port;

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> mapRoutes, IPAddress? address = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address ?? IPAddress.Loopback, port));
        var app = builder.Build();
        mapRoutes(app);
        await app.StartAsync();

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new LoopbackServer(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}

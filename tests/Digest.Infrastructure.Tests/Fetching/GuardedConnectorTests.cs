using System.Net;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>
/// The connect callback with a scripted resolver, standing in for a hostile DNS server: the address that was checked
/// is the address connected to, for every new connection.
/// </summary>
public sealed class GuardedConnectorTests
{
    private static readonly IPAddress Good = IPAddress.Loopback; // stands for a public address: allowed below by network
    private static readonly IPAddress Internal = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task A_name_that_rebinds_to_an_internal_address_is_refused_on_its_next_connection()
    {
        await using var servers = await ServerPair.StartAsync();
        var answers = new Queue<IPAddress[]>([[Good], [Internal]]);
        using var client = Client((_, _) => Task.FromResult(answers.Dequeue()));

        var first = await client.GetStringAsync(servers.UrlAt("rebind.example"));
        var second = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(servers.UrlAt("rebind.example")));

        Assert.Equal("good", first);
        var refused = Assert.IsType<DestinationRefusedException>(second.InnerException);
        Assert.Contains("rebind.example (127.0.0.2) is a loopback address", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, servers.InternalCalls);
    }

    [Fact]
    public async Task A_name_with_public_and_internal_addresses_connects_only_to_the_public_ones()
    {
        await using var servers = await ServerPair.StartAsync();
        using var client = Client((_, _) => Task.FromResult<IPAddress[]>([Internal, Good]));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("good", await client.GetStringAsync(servers.UrlAt("mixed.example")));
        }

        Assert.Equal(0, servers.InternalCalls);
    }

    /// <summary>A client that opens a new connection per request, so every request goes through the callback.</summary>
    private static HttpClient Client(Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        var policy = new DestinationPolicy(FetchOptions.Default with { AllowedNetworks = ["127.0.0.1/32"] });
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = new GuardedConnector(policy, resolve).ConnectAsync,
        };
        var client = new HttpClient(handler);
        client.DefaultRequestHeaders.ConnectionClose = true;
        return client;
    }

    /// <summary>A "good" server on 127.0.0.1 and an "internal" one on 127.0.0.2, on the same port.</summary>
    private sealed class ServerPair : IAsyncDisposable
    {
        private int internalCalls;
        private LoopbackServer good = null!;
        private LoopbackServer hostile = null!;

        public int InternalCalls => Volatile.Read(ref internalCalls);

        public static async Task<ServerPair> StartAsync()
        {
            var pair = new ServerPair();
            pair.good = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Text("good", "text/plain")));
            pair.hostile = await LoopbackServer.StartAsync(app => app.MapGet("/", () =>
            {
                Interlocked.Increment(ref pair.internalCalls);
                return Results.Text("internal", "text/plain");
            }), Internal, pair.good.Port);
            return pair;
        }

        public Uri UrlAt(string host) => new($"http://{host}:{good.Port}/");

        public async ValueTask DisposeAsync()
        {
            await hostile.DisposeAsync();
            await good.DisposeAsync();
        }
    }
}

using System.Net;
using Digest.Core.Fetching;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>
/// Server-side request forgery through the real fetcher: every test has a server that would answer if the guard let
/// the request through, and asserts it was never contacted. The same requests with the guard opened
/// (<see cref="FetchOptions.AllowPrivateAddresses"/>) do reach it, which shows the refusals are the guard's doing.
/// </summary>
public sealed class FetchDestinationTests
{
    private static readonly IPAddress Hostile = IPAddress.Parse("127.0.0.2");

    [Theory]
    [InlineData("http://127.0.0.1:{port}/secret", "127.0.0.1 is a loopback address")]
    [InlineData("http://127.1:{port}/secret", "127.0.0.1 is a loopback address")]
    [InlineData("http://2130706433:{port}/secret", "127.0.0.1 is a loopback address")]
    [InlineData("http://0x7f000001:{port}/secret", "127.0.0.1 is a loopback address")]
    [InlineData("http://0177.0.0.1:{port}/secret", "127.0.0.1 is a loopback address")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/secret", "::ffff:127.0.0.1 is a loopback address (it leads to IPv4 127.0.0.1)")]
    [InlineData("http://localhost:{port}/secret", "localhost (")]
    public async Task Spellings_of_loopback_are_refused_at_connect_and_never_reach_the_server(string template, string expected)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/secret", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Text("internal", "text/plain");
        }));
        var uri = new Uri(template.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var error = await RefusedAsync(uri);

        Assert.Equal(0, calls);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", error.Message, StringComparison.Ordinal);

        // Control: with the guard open, the very same URL is answered.
        await ReachedAsync(uri, FetchOptions.Default with { AllowPrivateAddresses = true });
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Ipv6_loopback_is_refused()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/secret", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Text("internal", "text/plain");
        }), IPAddress.IPv6Loopback);
        var uri = server.Url("secret");
        Assert.Equal("[::1]", uri.Host);

        var error = await RefusedAsync(uri);

        Assert.Equal(0, calls);
        Assert.Contains("::1 is a loopback address", error.Message, StringComparison.Ordinal);
        await ReachedAsync(uri, FetchOptions.Default with { AllowPrivateAddresses = true });
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Operator_allowances_by_host_and_by_network_reach_internal_servers()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/feed", () => Results.Text("ok", "text/plain")), Hostile);
        var uri = server.Url("feed");

        await ReachedAsync(uri, FetchOptions.Default with { AllowedHosts = ["127.0.0.2"] });
        await ReachedAsync(uri, FetchOptions.Default with { AllowedNetworks = ["127.0.0.0/8"] });
        var wrongNetwork = await RefusedAsync(uri, FetchOptions.Default with { AllowedNetworks = ["10.0.0.0/8"], AllowedHosts = ["127.0.0.1"] });
        Assert.Contains("127.0.0.2 is a loopback address", wrongNetwork.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{hostile}/secret")]
    [InlineData("http://[::ffff:127.0.0.2]:{hostile}/secret")]
    [InlineData("http://2130706434:{hostile}/secret")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task Redirects_from_an_allowed_host_to_internal_addresses_are_refused(string target)
    {
        var hostileCalls = 0;
        await using var hostile = await LoopbackServer.StartAsync(app => app.MapGet("/secret", () =>
        {
            Interlocked.Increment(ref hostileCalls);
            return Results.Text("internal", "text/plain");
        }), Hostile);
        var location = target.Replace("{hostile}", hostile.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await using var outlet = await LoopbackServer.StartAsync(app => app.MapGet("/article", () => Results.Redirect(location)));

        // The outlet itself (127.0.0.1) is the operator's and allowed; where it redirects to is not.
        var error = await RefusedAsync(outlet.Url("article"), TestFetchOptions.Fast);

        Assert.Equal(0, hostileCalls);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_to_a_file_uri_is_refused()
    {
        await using var outlet = await LoopbackServer.StartAsync(app => app.MapGet("/article", () => Results.Redirect("file:///etc/passwd")));
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        // Even a request that may read files (the operator's own feed URL) does not follow a redirect into one.
        var error = await Assert.ThrowsAsync<FetchException>(
            () => fetcher.FetchAsync(new FetchRequest(outlet.Url("article"), AllowFile: true)));

        Assert.Contains("refused redirect to non-http location file:///etc/passwd", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fetches expecting a refusal. Retry delays and timeouts run on a clock that never moves, so a refusal that was
    /// retried would wait forever and fail the generous real-time limit below instead of returning.
    /// </summary>
    private static async Task<FetchException> RefusedAsync(Uri uri, FetchOptions? options = null)
    {
        using var fetcher = new HttpPageFetcher((options ?? FetchOptions.Default) with { MaxRetries = 3 }, new ManualTimeProvider());

        return await Assert.ThrowsAsync<FetchException>(
            () => fetcher.FetchAsync(new FetchRequest(uri)).WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task ReachedAsync(Uri uri, FetchOptions options)
    {
        using var fetcher = new HttpPageFetcher(options, TimeProvider.System);

        var result = await fetcher.FetchAsync(new FetchRequest(uri));

        Assert.NotEmpty(result.Content);
    }
}

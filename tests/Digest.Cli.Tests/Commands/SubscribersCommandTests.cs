using Digest.Cli.Commands;
using Digest.Cli.Hosting;
using Digest.Cli.Tests.Support;
using Digest.Core.Subscribers;
using Digest.Core.Json;
using Digest.Core.Storage;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Tests.Commands;

/// <summary><c>digest subscribers add|list|remove</c> on the data folder.</summary>
public sealed class SubscribersCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private Task<CliResult> Run(params string[] args) => CliRunner.InvokeAsync(SubscribersCommand.Create(), ["subscribers", .. args, "--data", temp.Sub("data")]);

    [Fact]
    public async Task Added_subscribers_are_listed_with_zone_hour_and_status_and_removed_ones_stay_suppressed()
    {
        Assert.Equal(0, (await Run("add", "reader@example.org", "--tz", "Europe/Berlin", "--hour", "6", "--confirmed", "--keywords", "harbour,ferry")).ExitCode);
        var pending = await Run("add", "other@example.org", "--tz", "Asia/Kolkata");
        Assert.Equal(0, pending.ExitCode);
        Assert.Contains("o***@example.org: subscribed, waiting for confirmation", pending.Output, StringComparison.Ordinal);

        var list = await Run("list");
        Assert.Equal(["other@example.org\tpending\tAsia/Kolkata\t07:00\t-", "reader@example.org\tconfirmed\tEurope/Berlin\t06:00\t-"],
            list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        var removed = await Run("remove", "Reader@Example.org");
        Assert.Equal(0, removed.ExitCode);
        Assert.DoesNotContain("reader@example.org", (await Run("list")).Output, StringComparison.Ordinal);

        var again = await Run("add", "reader@example.org");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("unsubscribed earlier", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("add", "reader@example.org", "--confirmed")).ExitCode);
    }

    [Fact]
    public async Task No_blob_name_holds_an_address()
    {
        await Run("add", "reader@example.org", "--confirmed");

        var names = new List<string>();
        await foreach (var name in new FileSystemBlobStore(temp.Sub("data")).ListAsync(Containers.Subscribers))
        {
            names.Add(name);
        }

        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => n.Contains("reader", StringComparison.Ordinal));
        // The data folder's own key (made when no key is configured) is tested in Digest.Infrastructure.Tests (TokenSigningKeyTests).
    }

    [Fact]
    public async Task The_subscription_time_comes_from_the_injected_clock()
    {
        var pinned = new DateTimeOffset(2027, 2, 1, 8, 30, 0, TimeSpan.Zero);
        var verb = SubscribersCommand.Create(new FixedTimeProvider(pinned));

        var result = await CliRunner.InvokeAsync(verb, "subscribers", "add", "reader@example.org", "--confirmed", "--data", temp.Sub("data"));

        Assert.Equal(0, result.ExitCode);
        var blobs = new FileSystemBlobStore(temp.Sub("data"));
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(Containers.Subscribers, "active/"))
        {
            names.Add(name);
        }

        var stored = DigestJson.Deserialize<Subscriber>((await blobs.GetAsync(Containers.Subscribers, Assert.Single(names)))!.Content.Span);
        Assert.Equal(pinned, stored.CreatedAt);
        Assert.Equal(pinned, stored.ConfirmedAt);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b.example\r\nBcc: x@y.example")]
    public async Task A_bad_address_is_refused_with_a_reason(string address)
    {
        var result = await Run("add", address);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an address we can send to", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Error);
    }

    [Fact]
    public async Task An_unknown_time_zone_and_a_bad_hour_are_refused()
    {
        Assert.Contains("not a known IANA time zone", (await Run("add", "reader@example.org", "--tz", "Mars/Olympus")).Error, StringComparison.Ordinal);
        Assert.Contains("--hour must be between 0 and 23", (await Run("add", "reader@example.org", "--hour", "24")).Error, StringComparison.Ordinal);
    }
}

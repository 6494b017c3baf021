using System.Diagnostics;
using System.Text;
using Digest.Core.Fetching;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>file: is for the operator's own sources file only, and only for regular files.</summary>
public sealed class FetchFileTests
{
    /// <summary>Generous: a refusal is immediate; a fetch that blocked on a FIFO or a device would never end.</summary>
    private static readonly TimeSpan NeverBlocks = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task File_uri_not_from_the_sources_file_is_refused_before_touching_the_disk()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("feed.xml");
        await File.WriteAllTextAsync(path, "<rss/>");
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri(path))));
        var passwd = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri("file:///etc/passwd"))));

        Assert.Contains("refused: file: links are only allowed in the sources file", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused: file: links are only allowed in the sources file", passwd.Message, StringComparison.Ordinal);
        Assert.Equal("<rss/>", Encoding.UTF8.GetString(
            (await fetcher.FetchAsync(new FetchRequest(new Uri(path), AllowFile: true))).Content));
    }

    [Theory]
    [InlineData("/dev/stdin")]
    [InlineData("/proc/self/fd/0")]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/proc/self/environ")]
    public async Task Devices_and_system_files_are_refused_even_from_the_sources_file(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(
            () => WithoutBlocking(fetcher, new FetchRequest(new Uri("file://" + path), AllowFile: true)));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_blocking_directly_and_through_a_symbolic_link()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var folder = new TempFolder();
        var fifo = folder.Combine("feed.xml");
        MakeFifo(fifo);
        var link = folder.Combine("link.xml");
        File.CreateSymbolicLink(link, fifo);
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var direct = await Assert.ThrowsAsync<FetchException>(
            () => WithoutBlocking(fetcher, new FetchRequest(new Uri(fifo), AllowFile: true)));
        var viaLink = await Assert.ThrowsAsync<FetchException>(
            () => WithoutBlocking(fetcher, new FetchRequest(new Uri(link), AllowFile: true)));

        Assert.Contains("it is a FIFO (named pipe), not a regular file", direct.Message, StringComparison.Ordinal);
        Assert.Contains("it is a FIFO (named pipe), not a regular file", viaLink.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_device_is_refused_and_a_link_to_a_regular_file_is_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var device = folder.Combine("zero.xml");
        File.CreateSymbolicLink(device, "/dev/zero");
        var real = folder.Combine("real.xml");
        await File.WriteAllTextAsync(real, "<feed/>");
        var toReal = folder.Combine("feed.xml");
        File.CreateSymbolicLink(toReal, real);
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(
            () => WithoutBlocking(fetcher, new FetchRequest(new Uri(device), AllowFile: true)));
        var read = await fetcher.FetchAsync(new FetchRequest(new Uri(toReal), AllowFile: true));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Equal("<feed/>", Encoding.UTF8.GetString(read.Content));
    }

    /// <summary>
    /// On a worker thread with a generous limit: opening a FIFO blocks the opening thread itself, so a guard that let
    /// one through must fail the test rather than hang it.
    /// </summary>
    private static Task<FetchResult> WithoutBlocking(HttpPageFetcher fetcher, FetchRequest request)
        => Task.Run(() => fetcher.FetchAsync(request)).WaitAsync(NeverBlocks);

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}

using Digest.Cli.Hosting;
using Digest.Core.Diagnostics;
using Digest.Core.Storage;
using Digest.Infrastructure.Configuration;

namespace Digest.Cli.Tests.Support;

/// <summary>Runs whole cycles in-process on a data folder, the way <c>digest run</c> does.</summary>
internal static class CycleRunner
{
    public static async Task<CycleResult> RunAsync(string sourcesFile, string dataDirectory, DateTimeOffset now,
        Func<IBlobStore, IBlobStore>? wrapStore = null, CancellationToken cancellationToken = default)
    {
        var config = SourcesFileReader.Read(sourcesFile);
        var reporter = new ConsoleReporter(TextWriter.Null);
        IBlobStore? store = wrapStore?.Invoke(new Infrastructure.Storage.FileSystemBlobStore(dataDirectory));
        using var host = new EmbeddedHost(dataDirectory, new FixedTimeProvider(now), reporter, blobs: store);
        return await new DigestCycle(host, reporter).RunAsync(config, TimeSpan.FromHours(24), send: true, cancellationToken);
    }
}

using Digest.Cli.Hosting;
using Digest.Core.Storage;
using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Digest.Cli.Tests.Support;

/// <summary>Runs whole cycles in-process on a data folder, the way <c>digest run</c> does (the app's own composition).</summary>
internal static class CycleRunner
{
    public static async Task<CycleResult> RunAsync(string sourcesFile, string dataDirectory, DateTimeOffset now,
        Func<IBlobStore, IBlobStore>? wrapStore = null, CancellationToken cancellationToken = default)
    {
        using var app = LocalApp.Open(new LocalAppOptions(sourcesFile, dataDirectory, Storage: null, new FixedTimeProvider(now),
            TextWriter.Null, wrapStore is null
                ? null
                : services => services.AddSingleton(provider => wrapStore(provider.GetRequiredService<DigestStorage>().Blobs))));
        return await new DigestCycle(app).RunAsync(TimeSpan.FromHours(24), send: true, cancellationToken);
    }
}

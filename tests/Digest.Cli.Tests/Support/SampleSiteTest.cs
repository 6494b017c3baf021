namespace Digest.Cli.Tests.Support;

/// <summary>
/// Base of the tests that run against the sample corpus served over HTTP from 127.0.0.1: a fresh temp folder, the
/// server, and a sources file pointing at it.
/// </summary>
public abstract class SampleSiteTest : IAsyncLifetime
{
    internal TempDirectory Temp { get; } = new();

    internal StaticSiteServer Server { get; private set; } = null!;

    internal string SourcesFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await StaticSiteServer.StartAsync(RepoPaths.Samples);
        SourcesFile = SampleCorpus.WriteSourcesFile(Temp.Path, Server.BaseUri);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}

using System.Text;
using Digest.Core.Diagnostics;
using Digest.Core.Storage;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Storage;

public sealed class JsonDocumentStoreTests
{
    private readonly InMemoryBlobStore blobs = new();
    private readonly Reports reports = new();

    private sealed record Sample(string Name, int Count);

    [Theory]
    [InlineData("")]
    [InlineData("{\"name\": \"tru")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public async Task A_corrupt_document_is_quarantined_byte_for_byte_named_and_read_as_absent(string content)
    {
        await blobs.PutAsync("state", "sources/a.json", Encoding.UTF8.GetBytes(content), "application/json");
        var store = new JsonDocumentStore(blobs, reports);

        var read = await store.GetAsync<Sample>("state", "sources/a.json");

        Assert.Null(read);
        Assert.Null(await blobs.GetAsync("state", "sources/a.json"));
        var kept = await QuarantinedAsync("state/sources/a.json");
        Assert.Equal(content, Encoding.UTF8.GetString(kept!.Content.Span));
        Assert.Contains(reports.Warnings, w => w.StartsWith("state/sources/a.json is not a valid document", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_of_a_corrupt_document_starts_it_afresh()
    {
        await blobs.PutAsync("state", "doc.json", Encoding.UTF8.GetBytes("{"), "application/json");
        var store = new JsonDocumentStore(blobs, reports);

        var written = await store.UpdateAsync<Sample>("state", "doc.json", current => new Sample("fresh", (current?.Count ?? 0) + 1));

        Assert.Equal(new Sample("fresh", 1), written);
        Assert.Equal(written, await store.GetAsync<Sample>("state", "doc.json"));
    }

    [Fact]
    public async Task A_read_only_store_skips_a_corrupt_document_but_leaves_it_in_place()
    {
        await blobs.PutAsync("articles", "a.json", Encoding.UTF8.GetBytes("{"), "application/json");

        var read = await new JsonDocumentStore(blobs, reports, readOnly: true).GetAsync<Sample>("articles", "a.json");

        Assert.Null(read);
        Assert.NotNull(await blobs.GetAsync("articles", "a.json"));
        Assert.Null(await QuarantinedAsync("articles/a.json"));
        Assert.Contains(reports.Warnings, w => w.Contains("articles/a.json", StringComparison.Ordinal));
    }

    /// <summary>The quarantined copy of a document: its path plus a content hash.</summary>
    private async Task<StoredBlob?> QuarantinedAsync(string path)
    {
        await foreach (var copy in blobs.ListAsync(Containers.Quarantine, path + "."))
        {
            return await blobs.GetAsync(Containers.Quarantine, copy);
        }

        return null;
    }

    private sealed class Reports : IRunReporter
    {
        public List<string> Warnings { get; } = [];

        public void Info(string message) { }

        public void Warning(string message) => Warnings.Add(message);
    }
}

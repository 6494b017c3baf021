using System.Security.Cryptography;
using Digest.Core.Storage;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Tests.Support;

/// <summary>
/// Everything a run leaves for people to read — every blob of every container and every mail in the outbox — as
/// path → content hash, so two data folders can be compared. Queues are left out: they are work in flight, not archive.
/// </summary>
internal static class ArchiveSnapshot
{
    public static readonly string[] ArchiveContainers =
        [Containers.Raw, Containers.Articles, Containers.Stories, Containers.State, Containers.Briefings, Containers.Deliveries];

    public static async Task<SortedDictionary<string, string>> TakeAsync(string dataDirectory)
    {
        var store = new FileSystemBlobStore(dataDirectory);
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in ArchiveContainers)
        {
            await foreach (var path in store.ListAsync(container))
            {
                var blob = await store.GetAsync(container, path);
                snapshot[$"{container}/{path}"] = Hash(blob!.Content.ToArray());
            }
        }

        var outbox = Path.Combine(dataDirectory, "outbox");
        if (Directory.Exists(outbox))
        {
            foreach (var file in Directory.GetFiles(outbox, "*.eml").Order(StringComparer.Ordinal))
            {
                snapshot["outbox/" + Path.GetFileName(file)] = Hash(File.ReadAllBytes(file));
            }
        }

        return snapshot;
    }

    /// <summary>A readable account of how two snapshots differ, for assertion messages.</summary>
    public static string Difference(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        var missing = expected.Keys.Except(actual.Keys, StringComparer.Ordinal).ToList();
        var extra = actual.Keys.Except(expected.Keys, StringComparer.Ordinal).ToList();
        var changed = expected.Keys.Intersect(actual.Keys, StringComparer.Ordinal).Where(k => expected[k] != actual[k]).ToList();
        return $"missing: [{string.Join(", ", missing)}]; extra: [{string.Join(", ", extra)}]; changed: [{string.Join(", ", changed)}]";
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Digest.Core.Storage;
using Digest.Infrastructure.FileSystem;

namespace Digest.Infrastructure.Storage;

/// <summary>
/// <see cref="IBlobStore"/> on a folder: blob <c>path</c> of <c>container</c> is the file <c>&lt;root&gt;/&lt;container&gt;/&lt;path&gt;</c>
/// ('/' in a path makes sub-folders), holding exactly the blob's bytes so the archive can be browsed with ordinary tools.
/// </summary>
/// <remarks>
/// <para>Next to each blob lives a hidden sidecar <c>.&lt;name&gt;.meta</c> with its content type. Names starting with '.' are
/// reserved for these sidecars, for temp files and for the container's <c>.lock</c>, so blob path segments may not start with '.'.</para>
/// <para>ETags are a hash of the content type and the content. An ABA sequence (v1, v2, then v1 again) gives v1's ETag back,
/// so a writer holding v1's ETag succeeds; that is harmless because its change was computed from exactly the bytes
/// that are there now, which is all optimistic concurrency needs to guarantee.</para>
/// <para>Writers of one container serialize on the container's lock file (threads and processes alike). Readers take no
/// lock: the content file is replaced by an atomic rename, and the sidecar keeps the content type of the current and the
/// previous version, keyed by content hash, so a reader can match whichever version it read. A crash between the two
/// renames leaves the old blob intact and still described by the sidecar.</para>
/// </remarks>
public sealed class FileSystemBlobStore(string rootDirectory) : IBlobStore
{
    private const string LockFileName = ".lock";
    private const string MetaSuffix = ".meta";
    private const string UnknownContentType = "application/octet-stream";
    private const int MaxPathLength = 1024;
    private const int MaxSegmentBytes = 200;
    private const int LockFreeReadAttempts = 4;

    private readonly string root = Path.GetFullPath(rootDirectory);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> cleanedFolders = new(StringComparer.Ordinal);

    public string RootDirectory => root;

    /// <summary>The file that holds a blob, for telling people where to look (the briefing's HTML, say).</summary>
    public string FilePathOf(string container, string path) => Locate(container, path).BlobFile;

    public async Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        var location = Locate(container, path);
        for (var attempt = 0; attempt < LockFreeReadAttempts; attempt++)
        {
            var snapshot = await TryReadConsistentAsync(location, cancellationToken);
            if (snapshot.Consistent)
            {
                return snapshot.Blob;
            }

            // A writer replaced the blob between our two reads; its next rename is microseconds away.
            await Task.Delay(TimeSpan.FromMilliseconds(1 << attempt), cancellationToken);
        }

        // Writers keep coming: read under the lock, where no writer can interfere.
        if (!Directory.Exists(location.ContainerFolder))
        {
            return null;
        }

        using (await FileLock.AcquireAsync(location.LockFile, cancellationToken))
        {
            var current = await ReadUnderLockAsync(location, cancellationToken);
            return current?.Blob;
        }
    }

    public async Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
        BlobCondition condition = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var location = Locate(container, path);
        Directory.CreateDirectory(location.ContainerFolder);
        using (await FileLock.AcquireAsync(location.LockFile, cancellationToken))
        {
            var current = await ReadUnderLockAsync(location, cancellationToken);
            CheckCondition(condition, current, container, path);

            if (File.Exists(location.Folder) || Directory.Exists(location.BlobFile))
            {
                throw new IOException(
                    $"Blob '{container}/{path}' clashes with another blob: one of them would have to be both a file and a folder.");
            }

            Directory.CreateDirectory(location.Folder);
            DeleteStaleTempFilesOnce(location.Folder);

            var hash = HashContent(content.Span);
            var versions = new List<BlobVersion> { new(hash, contentType) };
            if (current is not null)
            {
                versions.Add(new BlobVersion(current.ContentHash, current.Blob.ContentType));
            }

            // Sidecar first, content second: at every instant the sidecar describes the content on disk.
            await AtomicFile.WriteAsync(location.MetaFile, JsonSerializer.SerializeToUtf8Bytes(new BlobMeta(versions)),
                cancellationToken);
            await AtomicFile.WriteAsync(location.BlobFile, content, cancellationToken);
            return ComputeETag(hash, contentType);
        }
    }

    /// <summary>
    /// Removes temp files left by writers that crashed, the first time this store writes to a folder. Writers clean up
    /// after their own failures, so only a process that died leaves one, and once per folder per process is enough;
    /// scanning on every write made each write cost as much as listing a folder of the whole archive.
    /// </summary>
    private void DeleteStaleTempFilesOnce(string folder)
    {
        // Every writer of this container holds its lock, so any temp file in the folder is a crashed writer's.
        if (cleanedFolders.TryAdd(folder, 0))
        {
            AtomicFile.DeleteStaleTempFiles(folder);
        }
    }

    public async Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default,
        CancellationToken cancellationToken = default)
    {
        var location = Locate(container, path);
        if (!Directory.Exists(location.ContainerFolder))
        {
            CheckCondition(condition, null, container, path);
            return false;
        }

        using (await FileLock.AcquireAsync(location.LockFile, cancellationToken))
        {
            var current = await ReadUnderLockAsync(location, cancellationToken);
            // As on Azure, If-Match on a missing blob fails (412) rather than deleting nothing.
            CheckCondition(condition, current, container, path);
            if (current is null)
            {
                return false;
            }

            File.Delete(location.BlobFile);
            AtomicFile.TryDelete(location.MetaFile);
            DeleteStaleTempFilesOnce(location.Folder);
            RemoveEmptyFolders(location);
            return true;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix = "",
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ValidateContainer(container);
        var containerFolder = Path.Combine(root, container);

        // Start at the deepest folder the prefix names in full, so listing "2026-11-22/" does not walk the whole container.
        var slash = prefix.LastIndexOf('/');
        var startFolder = containerFolder;
        if (slash > 0)
        {
            var folderPath = prefix[..slash];
            ValidatePath(folderPath);
            startFolder = Path.Combine(containerFolder, folderPath.Replace('/', Path.DirectorySeparatorChar));
        }

        var paths = new List<string>();
        if (Directory.Exists(startFolder))
        {
            CollectBlobs(containerFolder, startFolder, prefix, paths, cancellationToken);
        }

        paths.Sort(StringComparer.Ordinal);
        foreach (var blobPath in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return blobPath;
        }

        await Task.CompletedTask;
    }

    private static void CollectBlobs(string containerFolder, string folder, string prefix, List<string> paths,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().ToList();
        }
        catch (DirectoryNotFoundException)
        {
            // Its last blob was deleted while we listed: nothing in it to list.
            return;
        }

        foreach (var entry in entries)
        {
            // Hidden entries are the store's own: sidecars, temp files, the lock.
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }

            if (entry is DirectoryInfo directory)
            {
                CollectBlobs(containerFolder, directory.FullName, prefix, paths, cancellationToken);
            }
            else
            {
                var blobPath = Path.GetRelativePath(containerFolder, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (blobPath.StartsWith(prefix, StringComparison.Ordinal))
                {
                    paths.Add(blobPath);
                }
            }
        }
    }

    private static void CheckCondition(BlobCondition condition, CurrentBlob? current, string container, string path)
    {
        if (condition.IfNoneMatchAny && current is not null)
        {
            throw new BlobPreconditionFailedException($"Blob '{container}/{path}' already exists (If-None-Match: *).");
        }

        if (condition.IfMatch is { } expected)
        {
            if (current is null)
            {
                throw new BlobPreconditionFailedException($"Blob '{container}/{path}' does not exist (If-Match: {expected}).");
            }

            if (expected != "*" && !string.Equals(expected, current.Blob.ETag, StringComparison.Ordinal))
            {
                throw new BlobPreconditionFailedException(
                    $"Blob '{container}/{path}' has ETag {current.Blob.ETag}, not {expected} (If-Match): someone else wrote it.");
            }
        }
    }

    private static async Task<ReadSnapshot> TryReadConsistentAsync(BlobLocation location, CancellationToken cancellationToken)
    {
        var content = await TryReadAllBytesAsync(location.BlobFile, cancellationToken);
        if (content is null)
        {
            return new ReadSnapshot(true, null);
        }

        var hash = HashContent(content);
        var contentType = FindContentType(await ReadMetaAsync(location.MetaFile, cancellationToken), hash);
        return contentType is null
            ? new ReadSnapshot(false, null)
            : new ReadSnapshot(true, new StoredBlob(content, ComputeETag(hash, contentType), contentType));
    }

    private static async Task<CurrentBlob?> ReadUnderLockAsync(BlobLocation location, CancellationToken cancellationToken)
    {
        var content = await TryReadAllBytesAsync(location.BlobFile, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var hash = HashContent(content);
        // Under the lock a mismatch cannot be a writer in flight: the file was placed by hand (no sidecar).
        var contentType = FindContentType(await ReadMetaAsync(location.MetaFile, cancellationToken), hash) ?? UnknownContentType;
        return new CurrentBlob(new StoredBlob(content, ComputeETag(hash, contentType), contentType), hash);
    }

    private static string? FindContentType(BlobMeta? meta, string hash)
        => meta?.Versions?.FirstOrDefault(version => string.Equals(version.ContentHash, hash, StringComparison.Ordinal))
            ?.ContentType;

    private static async Task<byte[]?> TryReadAllBytesAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            // Share delete and write: a writer may rename a new version over this file while we read (needed on Windows).
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var content = new byte[stream.Length];
            await stream.ReadExactlyAsync(content, cancellationToken);
            return content;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException
                                              || (exception is UnauthorizedAccessException && Directory.Exists(file)))
        {
            // Missing, or a folder holding longer paths: either way no blob has this exact path.
            return null;
        }
    }

    private static async Task<BlobMeta?> ReadMetaAsync(string metaFile, CancellationToken cancellationToken)
    {
        var bytes = await TryReadAllBytesAsync(metaFile, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BlobMeta>(bytes);
        }
        catch (JsonException)
        {
            // A damaged sidecar only loses the content type; the blob itself stays readable.
            return null;
        }
    }

    private static void RemoveEmptyFolders(BlobLocation location)
    {
        var folder = location.Folder;
        while (!string.Equals(folder, location.ContainerFolder, StringComparison.Ordinal)
               && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return;
            }

            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private static string HashContent(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string ComputeETag(string contentHash, string contentType)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(contentType + "\n" + contentHash));
        return "\"" + Convert.ToHexStringLower(digest.AsSpan(0, 16)) + "\"";
    }

    private static string MetaName(string blobName) => "." + blobName + MetaSuffix;

    private BlobLocation Locate(string container, string path)
    {
        ValidateContainer(container);
        ValidatePath(path);
        var containerFolder = Path.Combine(root, container);
        var blobFile = Path.Combine(containerFolder, path.Replace('/', Path.DirectorySeparatorChar));
        var folder = Path.GetDirectoryName(blobFile)!;
        var name = Path.GetFileName(blobFile);
        return new BlobLocation(containerFolder, folder, name, blobFile, Path.Combine(folder, MetaName(name)),
            Path.Combine(containerFolder, LockFileName));
    }

    /// <summary>Azure's container-name rules: 3-63 of [a-z0-9-], starting and ending with a letter or digit, no "--".</summary>
    internal static void ValidateContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        // "$web" is Azure's static website container: the one reserved name the product writes (Containers.Site).
        var valid = string.Equals(container, Containers.Site, StringComparison.Ordinal)
                    || container.Length is >= 3 and <= 63
                    && container.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
                    && container[0] != '-' && container[^1] != '-'
                    && !container.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"Invalid container name '{container}': use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(container));
        }
    }

    internal static void ValidatePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Length > MaxPathLength)
        {
            throw new ArgumentException($"Blob path must have 1 to {MaxPathLength} characters.", nameof(path));
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob path '{path}' contains a backslash; separate folders with '/'.", nameof(path));
        }

        if (path[0] == '/' || Path.IsPathRooted(path))
        {
            throw new ArgumentException($"Blob path '{path}' is absolute; it must be relative to its container.", nameof(path));
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                throw new ArgumentException($"Blob path '{path}' has an empty segment ('//' or a trailing '/').", nameof(path));
            }

            if (segment[0] == '.')
            {
                throw new ArgumentException(
                    $"Blob path '{path}' has a segment starting with '.' ('.', '..' and hidden names are reserved).", nameof(path));
            }

            if (segment.Any(c => char.IsControl(c) || c is ':' or '*' or '?' or '"' or '<' or '>' or '|'))
            {
                throw new ArgumentException(
                    $"Blob path '{path}' contains a control character or one of : * ? \" < > | (not portable as a file name).",
                    nameof(path));
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                throw new ArgumentException($"Blob path '{path}' has a segment longer than {MaxSegmentBytes} bytes.", nameof(path));
            }
        }
    }

    private sealed record BlobLocation(string ContainerFolder, string Folder, string Name, string BlobFile, string MetaFile,
        string LockFile);

    private sealed record CurrentBlob(StoredBlob Blob, string ContentHash);

    private readonly record struct ReadSnapshot(bool Consistent, StoredBlob? Blob);

    /// <summary>The sidecar: content types of the current version (first) and the one before it, keyed by content hash.</summary>
    private sealed record BlobMeta(List<BlobVersion>? Versions);

    private sealed record BlobVersion(string ContentHash, string ContentType);
}

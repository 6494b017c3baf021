namespace Digest.Infrastructure.FileSystem;

/// <summary>
/// Whole-file replacement that readers observe as old-or-new, never half-written: the bytes go to a hidden temp file in
/// the same folder, are flushed to disk, and the temp file is renamed over the target (a rename within one folder is atomic).
/// A crash leaves at worst a stale temp file, which callers ignore and clean up.
/// </summary>
internal static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    /// <summary>The temp-file name prefix for <paramref name="fileName"/>: hidden, and unique per writer after the prefix.</summary>
    public static string TempPrefix(string fileName) => "." + fileName + ".";

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        var temp = Path.Combine(folder, TempPrefix(Path.GetFileName(path)) + Guid.NewGuid().ToString("N") + TempSuffix);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1,
                             FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                // Durable before it becomes visible: after a power cut the target holds the old or the new bytes.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Deletes every temp file in <paramref name="folder"/>. Call only under a lock that all writers of the folder take.</summary>
    public static void DeleteStaleTempFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, ".*" + TempSuffix))
        {
            TryDelete(file);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless because every reader ignores it.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}

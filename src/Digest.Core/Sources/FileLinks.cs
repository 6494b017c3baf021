namespace Digest.Core.Sources;

/// <summary>Which <c>file:</c> links a stage may read.</summary>
public static class FileLinks
{
    /// <summary>
    /// A <c>file:</c> page may be read only when the operator's own feed is a file and the page lies in the feed's
    /// folder or below it (a corpus on disk such as <c>samples/</c>). Every other file: link is refused by the fetcher.
    /// </summary>
    public static bool IsBesideFileFeed(Uri sourceUrl, Uri link)
    {
        ArgumentNullException.ThrowIfNull(sourceUrl);
        ArgumentNullException.ThrowIfNull(link);
        if (!sourceUrl.IsFile || !link.IsFile || link.IsUnc)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(sourceUrl.LocalPath));
        if (folder is null)
        {
            return false;
        }

        var page = Path.GetFullPath(link.LocalPath);
        return page.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}

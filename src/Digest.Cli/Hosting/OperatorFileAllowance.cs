using Digest.Core.Fetching;

namespace Digest.Cli.Hosting;

/// <summary>
/// Sets <see cref="FetchRequest.AllowFile"/> for the file: URLs the operator vouched for: a feed named in the sources
/// file, and a page inside the folder of such a feed (the sample corpus and local mirrors link their pages relatively).
/// Any other file: link, from a feed, a page or a redirect, stays refused by the fetcher.
/// </summary>
/// <remarks>
/// A bridge in the composition root: <c>FetchHandler</c> does not yet set AllowFile itself (feed fetch:
/// <c>AllowFile = source.Url.IsFile</c>). Whether pages beside a file: feed may be read is a policy decision kept here,
/// in one place, until then.
/// </remarks>
internal sealed class OperatorFileAllowance(IPageFetcher inner, IEnumerable<Uri> sourceUrls) : IPageFetcher
{
    private readonly HashSet<string> feeds = [.. sourceUrls.Where(url => url is { IsAbsoluteUri: true, IsFile: true, IsUnc: false })
        .Select(url => Path.GetFullPath(url.LocalPath))];

    public Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = request.AllowFile || (request.Uri is { IsAbsoluteUri: true, IsFile: true, IsUnc: false } && IsVouchedFor(request.Uri));
        return inner.FetchAsync(allowed == request.AllowFile ? request : request with { AllowFile = true }, cancellationToken);
    }

    private bool IsVouchedFor(Uri uri)
    {
        var path = Path.GetFullPath(uri.LocalPath);
        if (feeds.Contains(path))
        {
            return true;
        }

        // A link inside the folder that leads out of it (a symbolic link to /etc/passwd) is judged by where it leads.
        var target = ResolvedOrSelf(path);
        return feeds.Any(feed => IsInside(path, FolderOf(feed)) && IsInside(target, FolderOf(feed)));
    }

    private static string FolderOf(string file) => Path.GetDirectoryName(file) + Path.DirectorySeparatorChar;

    private static bool IsInside(string path, string folder) => path.StartsWith(folder, StringComparison.Ordinal);

    private static string ResolvedOrSelf(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}

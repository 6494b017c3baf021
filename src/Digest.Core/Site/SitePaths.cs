using System.Globalization;
using Digest.Core.Archive;

namespace Digest.Core.Site;

/// <summary>
/// The static site's URL contract: every page is a folder's <c>index.html</c>, so addresses stay clean when served and
/// still open from a plain folder. Pages link to each other relatively (<see cref="Relative"/>) for the same reason: the
/// site must not care where it is mounted. Ids become path segments, so they pass the archive's id check first.
/// </summary>
public static class SitePaths
{
    public const string Home = "index.html";
    public const string Feed = "feed.atom";

    /// <summary>
    /// The page a static host answers a missing address with (Azure's static website "error document"). It is served at
    /// whatever address was asked for, so it is the one page whose links are root-absolute (<see cref="Link"/>).
    /// </summary>
    public const string NotFound = "404.html";

    public static string Briefing(DateOnly date)
        => "briefings/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/index.html";

    public static string Story(string storyId) => "stories/" + Segment(storyId) + "/index.html";

    /// <summary>The story's Atom feed, beside its page.</summary>
    public static string StoryFeed(string storyId) => "stories/" + Segment(storyId) + "/" + Feed;

    public static string Outlet(string outletId) => "outlets/" + Segment(outletId) + "/index.html";

    /// <summary>Whether <paramref name="id"/> can name a page: the same shape the archive accepts as a blob name.</summary>
    public static bool IsSafeId(string? id) => ArchiveQueries.IsId(id);

    /// <summary>
    /// The link from page <paramref name="from"/> to page <paramref name="to"/>, both site paths: up out of the folders
    /// they do not share, then down into <paramref name="to"/>'s.
    /// </summary>
    public static string Relative(string from, string to)
    {
        var fromParts = Parts(from, nameof(from));
        var toParts = Parts(to, nameof(to));
        var fromDirectories = fromParts.Length - 1;
        var toDirectories = toParts.Length - 1;
        var common = 0;
        while (common < fromDirectories && common < toDirectories
               && string.Equals(fromParts[common], toParts[common], StringComparison.Ordinal))
        {
            common++;
        }

        var up = string.Concat(Enumerable.Repeat("../", fromDirectories - common));
        return up + string.Join('/', toParts.Skip(common));
    }

    /// <summary>
    /// The link from page <paramref name="from"/> to page <paramref name="to"/>: relative (<see cref="Relative"/>), except
    /// from <see cref="NotFound"/>, which links from the site's root.
    /// </summary>
    public static string Link(string from, string to)
        => from == NotFound ? "/" + string.Join('/', Parts(to, nameof(to))) : Relative(from, to);

    /// <summary>
    /// The site file a request path asks for (<c>/</c> → <c>index.html</c>, <c>/stories/s-1/</c> →
    /// <c>stories/s-1/index.html</c>), or false for a path no page of the site can have: an empty, "." or ".." segment,
    /// a segment starting with '.', a backslash, a colon or a control character.
    /// </summary>
    public static bool TryFromRequest(string? requestPath, out string sitePath)
    {
        sitePath = "";
        var path = (requestPath ?? "").TrimStart('/');
        if (path.Length == 0 || path.EndsWith('/'))
        {
            path += Home;
        }

        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part[0] == '.' || part.Any(c => c is '\\' or ':' || char.IsControl(c)))
            {
                return false;
            }
        }

        sitePath = path;
        return true;
    }

    private static string Segment(string id)
        => IsSafeId(id) ? id : throw new ArgumentException("Not a safe path segment: ids are lowercase letters, digits and '-'.", nameof(id));

    /// <summary>Only paths this class could have made: relative, no empty, "." or ".." segment, nothing that escapes the site.</summary>
    private static string[] Parts(string path, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, name);
        var parts = path.Split('/');
        if (parts.Any(p => p.Length == 0 || p is "." or ".." || p.Contains('\\', StringComparison.Ordinal) || p.Contains(':', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Not a site path: " + path, name);
        }

        return parts;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Core.Stories;

namespace Digest.Core.Site;

/// <summary>What one generation of the site did.</summary>
public sealed record SiteWriteResult(int Written, int Deleted, int Unchanged);

/// <summary>
/// Writes the archive site into <see cref="Containers.Site"/> (Azure Storage's static website container, <c>$web</c>):
/// the pages <see cref="SiteGenerator"/> makes from the archived briefings, stories and articles. Only pages whose bytes
/// changed are uploaded, and pages that are no longer generated are removed: the SHA-256 of every page written is kept in
/// <c>state/site/manifest.json</c>, so a generation with nothing new rewrites nothing. The site never holds subscriber
/// data: it reads only the three public containers and the sources' fetch state. Runs after each briefing; generation order does not matter (the
/// bytes depend only on the archive), so two hosts generating at once converge on the same files.
/// </summary>
public sealed class SiteWriter(IBlobStore blobs, IRunReporter reporter)
{
    public const string ManifestPath = "site/manifest.json";

    private readonly JsonDocumentStore documents = new(blobs, reporter);
    private readonly JsonDocumentStore archive = new(blobs, reporter, readOnly: true);

    public async Task<SiteWriteResult> WriteAsync(CancellationToken cancellationToken = default)
    {
        var briefings = await ReadAllAsync<Briefing>(Containers.Briefings, IsBriefingDocument, cancellationToken);
        var stories = await ReadAllAsync<Story>(Containers.Stories, path => path.EndsWith(".json", StringComparison.Ordinal), cancellationToken);
        var articles = await ReadAllAsync<Article>(Containers.Articles, path => path.EndsWith(".json", StringComparison.Ordinal), cancellationToken);
        var sources = await ReadAllAsync<SourceState>(Containers.State, path => path.StartsWith("sources/", StringComparison.Ordinal)
            && path.EndsWith(".json", StringComparison.Ordinal), cancellationToken, prefix: "sources/");
        var pages = SiteGenerator.Generate(briefings, stories, articles, sources);

        var manifest = await documents.GetAsync<SiteManifest>(Containers.State, ManifestPath, cancellationToken) ?? new SiteManifest();
        var known = new Dictionary<string, string>(manifest.Pages, StringComparer.Ordinal);
        var next = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var written = 0;
        var unchanged = 0;
        foreach (var page in pages)
        {
            var hash = Hash(page);
            next[page.Path] = hash;
            if (known.TryGetValue(page.Path, out var previous) && string.Equals(previous, hash, StringComparison.Ordinal))
            {
                unchanged++;
                continue;
            }

            await blobs.PutAsync(Containers.Site, page.Path, page.Content, ContentTypeOf(page.Path), cancellationToken: cancellationToken);
            written++;
        }

        var deleted = 0;
        foreach (var stale in known.Keys.Where(path => !next.ContainsKey(path)).Order(StringComparer.Ordinal))
        {
            await blobs.DeleteAsync(Containers.Site, stale, cancellationToken: cancellationToken);
            deleted++;
        }

        // The manifest last: a crash before it only means the next generation writes the same bytes again.
        if (written > 0 || deleted > 0 || manifest.Pages.Count != next.Count)
        {
            await documents.WriteAsync(Containers.State, ManifestPath, new SiteManifest { Pages = new Dictionary<string, string>(next, StringComparer.Ordinal) },
                cancellationToken: cancellationToken);
        }

        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"{written} page(s) of the archive site written, {deleted} removed, {unchanged} unchanged."));
        return new SiteWriteResult(written, deleted, unchanged);
    }

    /// <summary>
    /// After a fold: the pages of the stories it changed (page and feed), read alone from the archive, so a new article
    /// costs its story's pages, not the whole site. The rest (home, briefings, outlets, search) follows at the next
    /// briefing's <see cref="WriteAsync"/>, which finds these pages already up to date. A story no longer in the archive
    /// (emptied by a rewind) loses its pages. The manifest is updated conditionally, so folds on several instances do not
    /// lose each other's entries.
    /// </summary>
    public async Task<SiteWriteResult> WriteStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storyIds);
        var ids = storyIds.Where(SitePaths.IsSafeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new SiteWriteResult(0, 0, 0);
        }

        var manifest = await documents.GetAsync<SiteManifest>(Containers.State, ManifestPath, cancellationToken) ?? new SiteManifest();
        var articles = new ArticleArchive(blobs, reporter);
        var hashes = new Dictionary<string, string?>(StringComparer.Ordinal);
        int written = 0, deleted = 0, unchanged = 0;
        foreach (var id in ids)
        {
            var story = await archive.GetAsync<Story>(Containers.Stories, BlobPaths.Story(id), cancellationToken);
            if (story is null)
            {
                foreach (var path in new[] { SitePaths.Story(id), SitePaths.StoryFeed(id) })
                {
                    if (await blobs.DeleteAsync(Containers.Site, path, cancellationToken: cancellationToken))
                    {
                        deleted++;
                    }

                    hashes[path] = null;
                }

                continue;
            }

            foreach (var page in SiteGenerator.StoryPages(story, await articles.GetManyAsync(story.ArticleIds, cancellationToken: cancellationToken)))
            {
                var hash = Hash(page);
                hashes[page.Path] = hash;
                if (manifest.Pages.TryGetValue(page.Path, out var previous) && string.Equals(previous, hash, StringComparison.Ordinal))
                {
                    unchanged++;
                    continue;
                }

                await blobs.PutAsync(Containers.Site, page.Path, page.Content, ContentTypeOf(page.Path), cancellationToken: cancellationToken);
                written++;
            }
        }

        await documents.UpdateAsync<SiteManifest>(Containers.State, ManifestPath, current =>
        {
            current ??= new SiteManifest();
            if (hashes.All(h => h.Value is null ? !current.Pages.ContainsKey(h.Key)
                    : current.Pages.TryGetValue(h.Key, out var known) && string.Equals(known, h.Value, StringComparison.Ordinal)))
            {
                return current;
            }

            var pages = new SortedDictionary<string, string>(current.Pages, StringComparer.Ordinal);
            foreach (var (path, hash) in hashes)
            {
                if (hash is null)
                {
                    pages.Remove(path);
                }
                else
                {
                    pages[path] = hash;
                }
            }

            return new SiteManifest { Pages = new Dictionary<string, string>(pages, StringComparer.Ordinal) };
        }, cancellationToken);
        return new SiteWriteResult(written, deleted, unchanged);
    }

    /// <summary><see cref="WriteStoriesAsync"/> after a fold; a failure is reported and waits for the next briefing's generation.</summary>
    public async Task<SiteWriteResult?> TryWriteStoriesAsync(IReadOnlyCollection<string> storyIds, CancellationToken cancellationToken = default)
    {
        try
        {
            return await WriteStoriesAsync(storyIds, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reporter.Warning($"The archive site's story pages were not updated: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    private static string Hash(SitePage page) => Convert.ToHexStringLower(SHA256.HashData(page.Content.Span));

    /// <summary>
    /// <see cref="WriteAsync"/> after a new edition: a failure (storage, a bug) costs the site's update, which the next
    /// edition retries, never the mail that follows; it is reported and null is returned.
    /// </summary>
    public async Task<SiteWriteResult?> TryWriteAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await WriteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reporter.Warning($"The archive site was not updated: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>The content type a browser (and Azure's static website endpoint) serves the page with.</summary>
    public static string ContentTypeOf(string path)
        => Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".atom" => "application/atom+xml; charset=utf-8",
            ".json" => "application/json; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };

    private static bool IsBriefingDocument(string path)
        => path.EndsWith(".json", StringComparison.Ordinal)
           && DateOnly.TryParseExact(path[..^".json".Length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Every readable document of a container; an unreadable one is reported (and quarantined) by the store, not fatal.</summary>
    private async Task<List<T>> ReadAllAsync<T>(string container, Func<string, bool> include, CancellationToken cancellationToken,
        string prefix = "")
        where T : class
    {
        var paths = new List<string>();
        await foreach (var path in blobs.ListAsync(container, prefix, cancellationToken))
        {
            if (include(path))
            {
                paths.Add(path);
            }
        }

        var result = new List<T>(paths.Count);
        foreach (var path in paths)
        {
            if (await archive.GetAsync<T>(container, path, cancellationToken) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>The pages written and the SHA-256 (hex) of each, by site path.</summary>
    public sealed record SiteManifest
    {
        public Dictionary<string, string> Pages { get; init; } = new(StringComparer.Ordinal);
    }
}

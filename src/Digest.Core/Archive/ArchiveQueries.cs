using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Feeds;
using Digest.Core.Sources;
using Digest.Core.Stories;
using Digest.Core.Storage;

namespace Digest.Core.Archive;

/// <summary>
/// What the read-only HTTP routes show: the archive's documents as they are stored (their JSON is the public contract),
/// and each configured source's health from its state. Ids come from outside, so they are checked against the shapes
/// the product writes before they become blob paths: nothing else can name a blob.
/// </summary>
public sealed class ArchiveQueries(IBlobStore blobs, SourcesConfig config, IRunReporter reporter)
{
    private readonly JsonDocumentStore documents = new(blobs, reporter, readOnly: true);

    /// <summary>Dates of the archived briefings, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> ListBriefingsAsync(CancellationToken cancellationToken = default)
    {
        var dates = new List<DateOnly>();
        await foreach (var path in blobs.ListAsync(Containers.Briefings, "", cancellationToken))
        {
            if (path.EndsWith(".json", StringComparison.Ordinal)
                && DateOnly.TryParseExact(path[..^".json".Length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
        }

        dates.Sort((a, b) => b.CompareTo(a));
        return dates;
    }

    public Task<Briefing?> GetBriefingAsync(DateOnly date, CancellationToken cancellationToken = default)
        => documents.GetAsync<Briefing>(Containers.Briefings, BlobPaths.Briefing(date, "json"), cancellationToken);

    public async Task<Story?> GetStoryAsync(string storyId, CancellationToken cancellationToken = default)
        => IsId(storyId) ? await documents.GetAsync<Story>(Containers.Stories, BlobPaths.Story(storyId), cancellationToken) : null;

    public async Task<Article?> GetArticleAsync(string articleId, CancellationToken cancellationToken = default)
        => IsId(articleId) ? await documents.GetAsync<Article>(Containers.Articles, BlobPaths.Article(articleId), cancellationToken) : null;

    /// <summary>Every configured source, in the sources file's order, with what its state says of its last reads.</summary>
    public async Task<IReadOnlyList<SourceHealth>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<SourceHealth>(config.Sources.Count);
        foreach (var source in config.Sources)
        {
            var id = ItemIdentity.SourceId(source.Name, source.Url);
            var state = await documents.GetAsync<SourceState>(Containers.State, BlobPaths.SourceState(id), cancellationToken);
            result.Add(SourceHealth.From(id, source, state));
        }

        return result;
    }

    /// <summary>Article ids are 16 hex digits, story ids "s-" and 16: a generous bound that no path trick fits in.</summary>
    public static bool IsId(string? id)
        => id is { Length: > 0 and <= 64 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}

/// <summary>One source's health, for <c>GET /api/sources</c>.</summary>
/// <param name="Status"><c>ok</c> (last read succeeded), <c>failing</c> (failed since its last success) or <c>unread</c>.</param>
public sealed record SourceHealth(
    string SourceId,
    string Name,
    Uri Url,
    string Status,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastAttempt,
    int ConsecutiveFailures,
    string? LastError)
{
    public static SourceHealth From(string sourceId, SourceConfig source, SourceState? state)
    {
        ArgumentNullException.ThrowIfNull(source);
        var status = state is null || state.LastAttempt is null && state.LastSuccess is null ? "unread"
            : state.ConsecutiveFailures > 0 ? "failing"
            : "ok";
        return new SourceHealth(sourceId, source.Name, source.Url, status, state?.LastSuccess, state?.LastAttempt,
            state?.ConsecutiveFailures ?? 0, state?.LastError);
    }
}

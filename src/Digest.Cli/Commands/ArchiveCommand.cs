using System.CommandLine;
using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Json;
using Digest.Core.Safety;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest archive articles|stories|briefings</c>: browse what is in storage. With <c>--json</c>, one JSON object per
/// line (the archive's JSON contract, README "JSON fields"). Titles and outlet names were written by strangers and an
/// archive from an older version may hold them raw, so the human listing shows them through
/// <see cref="SafeText.ForTerminal"/>; JSON lines are escaped by <see cref="DigestJson.SerializeLine{T}"/>.
/// </summary>
internal static class ArchiveCommand
{
    public static Command Create()
    {
        var command = new Command("archive", "Browse the archive: articles, stories and briefings.");
        command.Subcommands.Add(Listing("articles", "Articles, oldest first.", ListArticlesAsync));
        command.Subcommands.Add(Listing("stories", "Stories, most recently updated first.", ListStoriesAsync));
        command.Subcommands.Add(Listing("briefings", "Briefings, newest first.", ListBriefingsAsync));
        return command;
    }

    private delegate Task Lister(ArchiveReader archive, bool json, TextWriter output, CancellationToken cancellationToken);

    private static Command Listing(string name, string description, Lister list)
    {
        var data = CommonOptions.Data();
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var command = new Command(name, description) { data, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(data)!);
            if (!Directory.Exists(directory))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: no data folder at {directory}; run `digest run` first or pass --data.");
                return 2;
            }

            await list(new ArchiveReader(directory), parse.GetValue(json), parse.InvocationConfiguration.Output, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task ListArticlesAsync(ArchiveReader archive, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var articles = await archive.ReadAllAsync<Article>(Containers.Articles, cancellationToken);
        foreach (var article in articles.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            output.WriteLine(json
                ? DigestJson.SerializeLine(article)
                : $"{Time(article.Published)}  {T(article.Id)}  {T(article.Outlet),-20}  {T(article.Title)}  [{T(article.StoryId ?? article.Status.ToString())}]");
        }
    }

    private static async Task ListStoriesAsync(ArchiveReader archive, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var stories = await archive.ReadAllAsync<Story>(Containers.Stories, cancellationToken);
        foreach (var story in stories.OrderByDescending(s => s.LastUpdated).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            output.WriteLine(json
                ? DigestJson.SerializeLine(story)
                : string.Create(CultureInfo.InvariantCulture,
                    $"{Time(story.LastUpdated)}  {T(story.Id)}  {story.ArticleIds.Count,3} article(s)  {T(string.Join(", ", story.Outlets))}  {T(story.Title)}"));
        }
    }

    private static async Task ListBriefingsAsync(ArchiveReader archive, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var briefings = await archive.ReadAllAsync<Briefing>(Containers.Briefings, cancellationToken);
        foreach (var briefing in briefings.OrderByDescending(b => b.Date))
        {
            var path = archive.PathOf(Containers.Briefings, BlobPaths.Briefing(briefing.Date, "html"));
            output.WriteLine(json
                ? DigestJson.SerializeLine(new BriefingListing(BlobPaths.Day(briefing.Date), path,
                    briefing.Stories.Select(s => new BriefingListingStory(s.StoryId, s.Title, s.IsNew, s.Outlets)).ToList()))
                : string.Create(CultureInfo.InvariantCulture,
                    $"{BlobPaths.Day(briefing.Date)}  {briefing.Stories.Count,2} stor{(briefing.Stories.Count == 1 ? "y  " : "ies")}  {T(path)}"));
        }
    }

    /// <summary>Control characters and bidi overrides shown as visible escapes, never sent to the terminal.</summary>
    private static string T(string? text) => SafeText.ForTerminal(text);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>One line of <c>digest archive briefings --json</c>.</summary>
    private sealed record BriefingListing(string Date, string Path, IReadOnlyList<BriefingListingStory> Stories);

    private sealed record BriefingListingStory(string Id, string Title, bool IsNew, IReadOnlyList<string> Outlets);

    /// <summary>Reads every JSON document of a container of the embedded store.</summary>
    private sealed class ArchiveReader(string dataDirectory)
    {
        private readonly FileSystemBlobStore files = new(dataDirectory);

        public async Task<List<T>> ReadAllAsync<T>(string container, CancellationToken cancellationToken)
            where T : class
        {
            var result = new List<T>();
            var documents = new JsonDocumentStore(files, Hosting.TerminalLoggerProvider.Reporter(Console.Error), readOnly: true);
            await foreach (var path in files.ListAsync(container, "", cancellationToken))
            {
                if (path.EndsWith(".json", StringComparison.Ordinal)
                    && await documents.GetAsync<T>(container, path, cancellationToken) is { } value)
                {
                    result.Add(value);
                }
            }

            return result;
        }

        public string PathOf(string container, string blobPath) => files.FilePathOf(container, blobPath);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Digest.Core.Feeds;
using Digest.Core.Fetching;
using Digest.Core.Safety;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.FileSystem;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest feeds parse</c>: reads feeds exactly as a run does (<see cref="FeedParser"/>) and prints what Digest sees.
/// <list type="bullet">
/// <item><c>--input-dir IN --output-dir OUT</c>: for every regular file in IN (symbolic links and folders skipped),
/// writes <c>OUT/&lt;file name&gt;.json</c>; the feed URI of a file is its own <c>file:</c> URI.</item>
/// <item><c>FILE_OR_URL</c>: one local file, or an http(s) URL fetched with <see cref="HttpPageFetcher"/> under the
/// address policy of a run, the named URL's host counting as the operator's; the JSON goes to standard output, indented.</item>
/// </list>
/// The JSON: <c>{format, title, link, items: [{guid, key, title, link, published, updated, author, summary, content}],
/// warnings, error?}</c>; <c>key</c> is <see cref="ItemIdentity.Key"/>, dates are UTC <c>yyyy-MM-ddTHH:mm:ssZ</c>
/// (the form <see cref="ItemIdentity"/> hashes), absent values are null, and <c>error</c> appears only when the document
/// is not a feed (then format is null and items empty). Exit 0 also when some files are not feeds; 1 when a URL cannot
/// be fetched or an output file cannot be written; 2 for bad arguments.
/// </summary>
internal static class FeedsCommand
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static Command Create()
    {
        var source = new Argument<string?>("FILE_OR_URL")
        {
            Description = "One feed: a local file or an http(s) URL. Its JSON is printed.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var input = new Option<DirectoryInfo?>("--input-dir") { Description = "Folder of feed documents, one per file." };
        var output = new Option<DirectoryInfo?>("--output-dir") { Description = "Folder for the <file name>.json results (created if missing)." };
        var parse = new Command("parse", "Read feeds as Digest does and write what it sees as JSON.") { source, input, output };
        parse.SetAction(async (result, cancellationToken) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            var (one, inputDir, outputDir) = (result.GetValue(source), result.GetValue(input), result.GetValue(output));
            if (one is not null && inputDir is null && outputDir is null)
            {
                return await ParseOneAsync(one, stdout, stderr, cancellationToken);
            }

            if (one is null && inputDir is not null && outputDir is not null)
            {
                return await ParseFolderAsync(inputDir, outputDir, stdout, stderr, cancellationToken);
            }

            stderr.WriteLine("digest feeds parse: give either FILE_OR_URL, or both --input-dir and --output-dir.");
            return 2;
        });

        return new Command("feeds", "Look at feeds the way Digest reads them.") { parse };
    }

    internal static async Task<int> ParseFolderAsync(DirectoryInfo inputDir, DirectoryInfo outputDir, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (!inputDir.Exists)
        {
            stderr.WriteLine($"digest feeds parse: input directory '{SafeText.ForTerminal(inputDir.FullName)}' does not exist.");
            return 2;
        }

        Directory.CreateDirectory(outputDir.FullName);
        var files = inputDir.GetFiles();
        Array.Sort(files, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        int feeds = 0, notFeeds = 0, skipped = 0, writeFailures = 0;
        foreach (var file in files)
        {
            // A link could point anywhere (/etc/shadow, a FIFO that never ends); only the folder's own files are read.
            if (file.LinkTarget is not null)
            {
                skipped++;
                stderr.WriteLine($"digest feeds parse: {SafeText.ForTerminal(file.Name)}: a symbolic link, skipped.");
                continue;
            }

            var outcome = ReadAndParse(file.FullName);
            if (outcome.Feed is null)
            {
                notFeeds++;
                stderr.WriteLine($"digest feeds parse: {SafeText.ForTerminal(file.Name)}: {SafeText.ForTerminal(outcome.Error)}");
            }
            else
            {
                feeds++;
            }

            var target = Path.Combine(outputDir.FullName, file.Name + ".json");
            try
            {
                // Temp file and rename: a reader never sees half a file, and a symbolic link already at the target is
                // replaced, never written through.
                await AtomicFile.WriteAsync(target, ToJson(outcome, Indented), cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                writeFailures++;
                stderr.WriteLine($"digest feeds parse: could not write {SafeText.ForTerminal(target)}: {SafeText.ForTerminal(exception.Message)}");
            }
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Parsed {files.Length - skipped} file(s): {feeds} feed(s), {notFeeds} not a feed, {skipped} skipped; results in {outputDir.FullName}."));
        return writeFailures == 0 ? 0 : 1;
    }

    internal static async Task<int> ParseOneAsync(string fileOrUrl, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ParseOutcome outcome;
        if (Uri.TryCreate(fileOrUrl, UriKind.Absolute, out var url) && SafeUrl.IsHttp(url))
        {
            try
            {
                // The user named this URL, as the sources file names a feed: its host may be internal, redirects may not be.
                using var fetcher = new HttpPageFetcher(FetchOptions.ForSources([url]), TimeProvider.System);
                var fetched = await fetcher.FetchAsync(new FetchRequest(url), cancellationToken);
                outcome = Parse(fetched.Content, fetched.FinalUri);
            }
            catch (FetchException exception)
            {
                stderr.WriteLine($"digest feeds parse: {SafeText.ForTerminal(url.AbsoluteUri)}: {SafeText.ForTerminal(exception.Message)}");
                return 1;
            }
        }
        else
        {
            var path = url is { IsFile: true } ? url.LocalPath : fileOrUrl;
            if (!File.Exists(path))
            {
                stderr.WriteLine($"digest feeds parse: '{SafeText.ForTerminal(fileOrUrl)}' is neither a file nor an http(s) URL.");
                return 2;
            }

            outcome = ReadAndParse(Path.GetFullPath(path));
        }

        stdout.WriteLine(Encoding.UTF8.GetString(ToJson(outcome, Indented)));
        return 0;
    }

    /// <summary>The parse of one document: a feed, or the reason it is none.</summary>
    internal readonly record struct ParseOutcome(Feed? Feed, string? Error);

    private static ParseOutcome ReadAndParse(string path)
    {
        byte[] content;
        try
        {
            // .NET cannot tell a FIFO or a device from a regular file, and opening a FIFO blocks until someone writes
            // to it. Both report length 0, as does an empty file, whose result ("empty") needs no read either.
            content = new FileInfo(path).Length == 0 ? [] : ReadCapped(path, FeedParser.MaxDocumentBytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new ParseOutcome(null, $"could not be read: {exception.Message}");
        }

        return Parse(content, new Uri(path));
    }

    private static ParseOutcome Parse(byte[] content, Uri feedUri)
    {
        try
        {
            return new ParseOutcome(FeedParser.Parse(content, feedUri), null);
        }
        catch (FeedFormatException exception)
        {
            return new ParseOutcome(null, exception.Message);
        }
    }

    /// <summary>
    /// At most <paramref name="limit"/> + 1 bytes: enough for the parser to refuse an oversized document by its size
    /// without a huge file ever being held in memory.
    /// </summary>
    private static byte[] ReadCapped(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static byte[] ToJson(ParseOutcome outcome, JsonWriterOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            var feed = outcome.Feed;
            writer.WriteStartObject();
            writer.WriteString("format", feed?.Format);
            writer.WriteString("title", feed?.Title);
            writer.WriteString("link", feed?.Link?.AbsoluteUri);
            writer.WriteStartArray("items");
            foreach (var item in feed?.Items ?? [])
            {
                writer.WriteStartObject();
                writer.WriteString("guid", item.Guid);
                writer.WriteString("key", ItemIdentity.Key(item));
                writer.WriteString("title", item.Title);
                writer.WriteString("link", item.Link?.AbsoluteUri);
                WriteDate(writer, "published", item.Published);
                WriteDate(writer, "updated", item.Updated);
                writer.WriteString("author", item.Author);
                writer.WriteString("summary", item.Summary);
                writer.WriteString("content", item.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            foreach (var warning in feed?.Warnings ?? [])
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            if (outcome.Error is not null)
            {
                writer.WriteString("error", outcome.Error);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
        => writer.WriteString(name, value?.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Digest.Core.Extraction;
using Digest.Core.Safety;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest extract --input-dir IN --output-dir OUT</c>: for every <c>*.html</c> in IN writes <c>&lt;name&gt;.json</c>
/// with title, byline, published (ISO-8601 or null) and text. Every page gets a file, also when it is not an article
/// (then with <c>isArticle: false</c> and the reason), so an external benchmark always finds an answer. An optional
/// <c>&lt;name&gt;.headers</c> beside a page supplies its HTTP Content-Type.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var input = new Option<DirectoryInfo>("--input-dir") { Description = "Folder of *.html pages to extract.", Required = true };
        var output = new Option<DirectoryInfo>("--output-dir") { Description = "Folder for the <name>.json results (created if missing).", Required = true };
        var command = new Command("extract", "Extract article text and metadata from saved HTML pages.") { input, output };
        command.SetAction(parseResult => Run(parseResult.GetValue(input)!, parseResult.GetValue(output)!, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(DirectoryInfo inputDir, DirectoryInfo outputDir, TextWriter stdout, TextWriter stderr)
    {
        if (!inputDir.Exists)
        {
            stderr.WriteLine($"digest extract: input directory '{SafeText.ForTerminal(inputDir.FullName)}' does not exist.");
            return 2;
        }

        Directory.CreateDirectory(outputDir.FullName);
        var pages = inputDir.GetFiles("*.html");
        Array.Sort(pages, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var extractor = new ArticleExtractor();
        int articles = 0, failures = 0;
        foreach (var page in pages)
        {
            var name = Path.GetFileNameWithoutExtension(page.Name);
            var jsonPath = Path.Combine(outputDir.FullName, name + ".json");
            try
            {
                var headersPath = Path.Combine(inputDir.FullName, name + ".headers");
                var contentType = File.Exists(headersPath) ? ExtractionEvalCase.ContentTypeFromHeaders(File.ReadAllText(headersPath)) : null;
                var result = extractor.Extract(File.ReadAllBytes(page.FullName), contentType, url: null);
                WriteJson(jsonPath, result);
                if (result.IsArticle)
                {
                    articles++;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One bad page must not cost the others their results, and a benchmark still gets a file for it.
                failures++;
                // File names and exception messages can carry text from the pages: shown escaped, as everything printed.
                stderr.WriteLine($"digest extract: {SafeText.ForTerminal(page.Name)}: {exception.GetType().Name}: {SafeText.ForTerminal(exception.Message)}");
                TryWriteFailure(jsonPath, exception, stderr);
            }
        }

        stdout.WriteLine($"Extracted {pages.Length - failures} of {pages.Length} pages ({articles} articles) into {SafeText.ForTerminal(outputDir.FullName)}.");
        if (failures > 0)
        {
            stderr.WriteLine($"digest extract: {failures} page(s) failed; their json files carry the error.");
        }

        return failures == 0 ? 0 : 1;
    }

    private static void TryWriteFailure(string jsonPath, Exception exception, TextWriter stderr)
    {
        try
        {
            WriteJson(jsonPath, new ExtractedArticle { IsArticle = false, NotArticleReason = $"extraction failed: {exception.GetType().Name}: {exception.Message}", Text = string.Empty });
        }
        catch (Exception writeError) when (writeError is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"digest extract: could not write {SafeText.ForTerminal(jsonPath)}: {SafeText.ForTerminal(writeError.Message)}");
        }
    }

    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> and renames it over. The output folder may already hold
    /// <c>&lt;name&gt;.json</c> as a symbolic link to a file elsewhere: opening that path would write through the link
    /// into its target, whereas a rename replaces the link itself. The temporary name is random and created with
    /// <see cref="FileMode.CreateNew"/> (O_EXCL), so a link planted there makes the write fail instead of following it.
    /// </summary>
    private static void WriteJson(string path, ExtractedArticle article)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                WriteJson(stream, article);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void WriteJson(Stream stream, ExtractedArticle article)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("title", article.Title);
        writer.WriteString("byline", article.Byline);
        WriteDate(writer, "published", article.Published);
        WriteDate(writer, "modified", article.Modified);
        writer.WriteString("siteName", article.SiteName);
        writer.WriteString("canonicalUrl", article.CanonicalUrl?.AbsoluteUri);
        writer.WriteString("language", article.Language);
        writer.WriteBoolean("isArticle", article.IsArticle);
        if (!article.IsArticle)
        {
            writer.WriteString("notArticleReason", article.NotArticleReason);
        }

        writer.WriteString("text", article.Text);
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            writer.WriteString(name, date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

using System.Text.Json;

namespace Digest.Core.Feeds;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        // Deeper nesting than this is no feed; the limit bounds the parser's stack on hostile input.
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="utf8">Valid UTF-8: <see cref="FeedDecoding"/> has already replaced invalid sequences.</param>
    public static Feed Read(byte[] utf8, FeedContext context)
    {
        var feedUri = context.FeedUri;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $" at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}"
                : "";
            throw new FeedFormatException(
                $"The document from {feedUri} (looks like JSON Feed) is not well-formed JSON{where}: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !IsJsonFeed(root))
            {
                throw new FeedFormatException(
                    $"The document from {feedUri} is JSON but not a JSON Feed: it needs a \"version\" of "
                    + "https://jsonfeed.org/version/1 or 1.1, or an \"items\" array.");
            }

            var feedAuthor = Authors(root);
            var items = new List<FeedItem>();
            if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                var position = 0;
                foreach (var item in array.EnumerateArray())
                {
                    position++;
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        FeedItems.AddIfIdentifiable(items, ReadItem(item, position, feedAuthor, context));
                    }
                }
            }

            return new Feed(FeedText.Clean(StringProperty(root, "title")), items)
            {
                Format = FeedFormats.JsonFeed,
                Link = FeedLinks.FeedLink(StringProperty(root, "home_page_url"), LinkBase.Operator(feedUri), context),
            };
        }
    }

    private static FeedItem ReadItem(JsonElement item, int position, string? feedAuthor, FeedContext context)
    {
        // JSON Feed 1.0 allowed numeric ids in practice; 1.1 says a number must be read as its string form.
        var id = FeedText.Identifier(item.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number
            ? idElement.GetRawText()
            : StringProperty(item, "id"));

        // Titles are plain text by the spec, so markup-looking characters in them are kept literally.
        var title = FeedText.Clean(StringProperty(item, "title"));
        var label = FeedContext.ItemLabel(position, title, id);

        // JSON Feed has no xml:base: relative URLs resolve against the operator's feed URI.
        var feedBase = LinkBase.Operator(context.FeedUri);
        var link = FeedLinks.ItemLink(StringProperty(item, "url"), feedBase, context, label)
            ?? FeedLinks.ItemLink(StringProperty(item, "external_url"), feedBase, context, label);
        var updated = FeedDateParser.Parse(StringProperty(item, "date_modified"));
        var published = FeedDateParser.Parse(StringProperty(item, "date_published")) ?? updated;
        var content = FeedText.Clean(StringProperty(item, "content_text")) ?? FeedText.HtmlToText(StringProperty(item, "content_html"));
        var summary = FeedText.Clean(StringProperty(item, "summary")) ?? content;
        return new FeedItem(id, link, title, published, summary, updated, Authors(item) ?? feedAuthor, content);
    }

    /// <summary>JSON Feed 1.1 <c>authors</c> (an array), else 1.0 <c>author</c> (one object); their <c>name</c>s.</summary>
    private static string? Authors(JsonElement element)
    {
        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            return FeedText.Authors(authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => StringProperty(a, "name")));
        }

        return element.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object
            ? FeedText.Clean(StringProperty(author, "name"))
            : null;
    }

    private static bool IsJsonFeed(JsonElement root)
    {
        var version = StringProperty(root, "version");
        if (version is not null)
        {
            return version.StartsWith("https://jsonfeed.org/version/1", StringComparison.OrdinalIgnoreCase)
                || version.StartsWith("http://jsonfeed.org/version/1", StringComparison.OrdinalIgnoreCase);
        }

        return root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array;
    }

    /// <summary>
    /// A string property, or null. A string whose escapes spell invalid UTF-16 (a lone <c>\ud800</c>) cannot become a
    /// .NET string; it counts as absent rather than failing the feed.
    /// </summary>
    private static string? StringProperty(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

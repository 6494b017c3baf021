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

    public static Feed Read(ReadOnlySpan<byte> utf8, Uri feedUri)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), Options);
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

            var items = new List<FeedItem>();
            if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        FeedItems.AddIfIdentifiable(items, ReadItem(item, feedUri));
                    }
                }
            }

            return new Feed(FeedText.Clean(StringProperty(root, "title")), items);
        }
    }

    private static FeedItem ReadItem(JsonElement item, Uri feedUri)
    {
        // JSON Feed 1.0 allowed numeric ids in practice; 1.1 says a number must be read as its string form.
        var id = item.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number
            ? idElement.GetRawText()
            : StringProperty(item, "id");
        var link = FeedText.ResolveLink(StringProperty(item, "url"), feedUri) ?? FeedText.ResolveLink(StringProperty(item, "external_url"), feedUri);
        var published = FeedDateParser.Parse(StringProperty(item, "date_published")) ?? FeedDateParser.Parse(StringProperty(item, "date_modified"));

        // Titles are plain text by the spec, so markup-looking characters in them are kept literally.
        var summary = FeedText.Clean(StringProperty(item, "summary"))
            ?? FeedText.Clean(StringProperty(item, "content_text"))
            ?? FeedText.HtmlToText(StringProperty(item, "content_html"));
        return new FeedItem(FeedText.Identifier(id), link, FeedText.Clean(StringProperty(item, "title")), published, summary);
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

    private static string? StringProperty(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

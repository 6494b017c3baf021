using System.Text.Json;

namespace Digest.Core.Extraction;

/// <summary>The fields of a schema.org Article-like object the extractor uses.</summary>
internal sealed class JsonLdArticle
{
    public string? Headline { get; set; }
    public string? ArticleBody { get; set; }
    public List<string> Authors { get; } = [];
    public string? DatePublished { get; set; }
    public string? DateModified { get; set; }
    public string? PublisherName { get; set; }
    public string? Language { get; set; }
    public string? Url { get; set; }
    public bool IsLiveBlog { get; set; }
    public List<(string? Headline, string? Body)> LiveUpdates { get; } = [];
}

/// <summary>What all JSON-LD blocks of a page say, merged.</summary>
internal sealed class JsonLdFacts
{
    public JsonLdArticle? Article { get; set; }

    /// <summary>Types of every top-level or @graph object (WebPage, CollectionPage, SearchResultsPage…).</summary>
    public HashSet<string> Types { get; } = new(StringComparer.Ordinal);

    public bool HasArticleType => Article is not null;
}

/// <summary>
/// Reads schema.org JSON-LD. Broken JSON (common: trailing commas, unescaped newlines, HTML comments) is tolerated
/// where the parser allows it and otherwise skipped: metadata is a bonus, never a reason to fail a page.
/// </summary>
internal static class JsonLdReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private static readonly HashSet<string> ArticleTypes = new(StringComparer.Ordinal)
    {
        "Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle", "Report",
        "SocialMediaPosting", "AskPublicNewsArticle", "SatiricalArticle",
    };

    public static void Read(string json, JsonLdFacts facts)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.Trim().TrimStart("<!--".ToCharArray()).TrimEnd("-->".ToCharArray()), Options);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            Visit(document.RootElement, facts, depth: 0);
        }
    }

    private static void Visit(JsonElement element, JsonLdFacts facts, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Visit(item, facts, depth + 1);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("@graph", out var graph))
        {
            Visit(graph, facts, depth + 1);
        }

        var types = TypesOf(element);
        foreach (var type in types)
        {
            facts.Types.Add(type);
        }

        if (types.Exists(ArticleTypes.Contains) && facts.Article is null)
        {
            facts.Article = ReadArticle(element, types.Contains("LiveBlogPosting"));
        }
        else if (facts.Article is null && element.TryGetProperty("mainEntity", out var mainEntity))
        {
            Visit(mainEntity, facts, depth + 1);
        }
    }

    private static List<string> TypesOf(JsonElement element)
    {
        var result = new List<string>();
        if (!element.TryGetProperty("@type", out var type))
        {
            return result;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            result.Add(StripVocabulary(type.GetString()!));
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    result.Add(StripVocabulary(item.GetString()!));
                }
            }
        }

        return result;
    }

    private static string StripVocabulary(string type)
    {
        var slash = type.LastIndexOf('/');
        return slash >= 0 ? type[(slash + 1)..] : type;
    }

    private static JsonLdArticle ReadArticle(JsonElement element, bool isLiveBlog)
    {
        var article = new JsonLdArticle
        {
            Headline = StringOf(element, "headline") ?? StringOf(element, "name"),
            ArticleBody = StringOf(element, "articleBody") ?? StringOf(element, "text"),
            DatePublished = StringOf(element, "datePublished") ?? StringOf(element, "dateCreated"),
            DateModified = StringOf(element, "dateModified"),
            Language = StringOf(element, "inLanguage"),
            Url = StringOf(element, "url"),
            IsLiveBlog = isLiveBlog,
        };
        if (element.TryGetProperty("mainEntityOfPage", out var mainEntity))
        {
            article.Url ??= mainEntity.ValueKind == JsonValueKind.String ? mainEntity.GetString() : StringOf(mainEntity, "@id");
        }

        if (element.TryGetProperty("author", out var author))
        {
            AddNames(author, article.Authors);
        }

        if (element.TryGetProperty("publisher", out var publisher))
        {
            article.PublisherName = publisher.ValueKind == JsonValueKind.String ? publisher.GetString() : StringOf(publisher, "name");
        }

        if (element.TryGetProperty("liveBlogUpdate", out var updates) && updates.ValueKind == JsonValueKind.Array)
        {
            foreach (var update in updates.EnumerateArray())
            {
                if (update.ValueKind == JsonValueKind.Object)
                {
                    article.LiveUpdates.Add((StringOf(update, "headline"), StringOf(update, "articleBody")));
                }
            }
        }

        return article;
    }

    private static void AddNames(JsonElement author, List<string> names)
    {
        switch (author.ValueKind)
        {
            case JsonValueKind.String:
                names.Add(author.GetString()!);
                break;
            case JsonValueKind.Object when StringOf(author, "name") is { } name:
                names.Add(name);
                break;
            case JsonValueKind.Array:
                foreach (var item in author.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Array)
                    {
                        AddNames(item, names);
                    }
                }

                break;
            default:
                break;
        }
    }

    private static string? StringOf(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value[0].GetString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}

using System.Text.Json;
using Digest.Core.Coverage;

namespace Digest.Core.Stories.Batch;

/// <summary>An article of the batch verbs: <c>{"id","title","text","published","source"}</c>.</summary>
public sealed record BatchArticle
{
    public JsonElement Id { get; init; }
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? Published { get; init; }
    public string? Source { get; init; }

    public void Validate()
    {
        JsonLines.RequireId(Id, "id");
        if (Text is null && Title is null)
        {
            throw new FormatException("an article needs \"title\" or \"text\".");
        }

        _ = JsonLines.ParseDate(Published, "published");
    }

    public CoverageDocument ToDocument() => new(JsonLines.Key(Id), Source ?? string.Empty, Title ?? string.Empty, Text ?? string.Empty,
        JsonLines.ParseDate(Published, "published"));
}

/// <summary>Output of <c>digest cluster</c>: <c>{"id","story"}</c>.</summary>
public sealed record ClusterResult(JsonElement Id, string Story);

/// <summary>Input of <c>digest summarize</c>: <c>{"story","max_words","articles":[…],"as_of"?}</c>.</summary>
public sealed record SummarizeRequest
{
    public JsonElement Story { get; init; }
    public int? MaxWords { get; init; }
    public IReadOnlyList<BatchArticle>? Articles { get; init; }
    public string? AsOf { get; init; }

    public void Validate()
    {
        JsonLines.RequireId(Story, "story");
        if (MaxWords is null or < 0)
        {
            throw new FormatException("\"max_words\" is required and must be a non-negative integer.");
        }

        if (Articles is null)
        {
            throw new FormatException("\"articles\" is required.");
        }

        foreach (var article in Articles)
        {
            article.Validate();
        }

        _ = JsonLines.ParseDate(AsOf, "as_of");
    }
}

/// <summary>Output of <c>digest summarize</c>: <c>{"story","summary"}</c>.</summary>
public sealed record SummarizeResult(JsonElement Story, string Summary);

/// <summary>Input of <c>digest novelty</c>.</summary>
public sealed record NoveltyRequest
{
    public JsonElement Item { get; init; }
    public JsonElement Story { get; init; }
    public IReadOnlyList<BatchArticle>? Earlier { get; init; }
    public NoveltyArticle? Article { get; init; }

    public void Validate()
    {
        JsonLines.RequireId(Item, "item");
        if (Article?.Sentences is null)
        {
            throw new FormatException("\"article\" with \"sentences\" is required.");
        }

        foreach (var sentence in Article.Sentences)
        {
            JsonLines.RequireId(sentence.Sid, "sid");
            if (sentence.Text is null)
            {
                throw new FormatException("every sentence needs \"text\".");
            }
        }

        foreach (var earlier in Earlier ?? [])
        {
            JsonLines.RequireId(earlier.Id, "earlier[].id");
            _ = JsonLines.ParseDate(earlier.Published, "earlier[].published");
        }

        _ = JsonLines.ParseDate(Article.Published, "article.published");
    }
}

/// <summary>The article of a novelty request: <c>{"id","published","text","sentences":[{"sid","text"}]}</c>.</summary>
public sealed record NoveltyArticle
{
    public JsonElement Id { get; init; }
    public string? Published { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<NoveltySentence>? Sentences { get; init; }
}

public sealed record NoveltySentence
{
    public JsonElement Sid { get; init; }
    public string? Text { get; init; }
}

/// <summary>Output of <c>digest novelty</c>: <c>{"item","sentences":[{"sid","label","score"}]}</c>.</summary>
public sealed record NoveltyResult(JsonElement Item, IReadOnlyList<NoveltyLabel> Sentences);

/// <param name="Sid">The sentence id, echoed verbatim.</param>
/// <param name="Label">"new" or "repeated".</param>
/// <param name="Score">Novelty score in [0, 1]: 1 − similarity to the closest earlier coverage; higher is newer.</param>
public sealed record NoveltyLabel(JsonElement Sid, string Label, double Score);

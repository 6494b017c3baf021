using System.Text.Json;
using System.Text.Json.Nodes;

namespace Digest.Cli.Tests.Support;

/// <summary>The sample corpus under <c>samples/</c> and its ground truth, <c>samples/expected.json</c>.</summary>
internal static class SampleCorpus
{
    public static readonly DateTimeOffset Now = ReadDefaultNow();

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>Writes a sources file whose feeds point at <paramref name="baseUri"/> (the corpus served over HTTP).</summary>
    public static string WriteSourcesFile(string directory, Uri baseUri, Func<JsonObject, JsonObject>? adjust = null)
    {
        var sources = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "sources.json")))!.AsObject();
        foreach (var source in sources["sources"]!.AsArray())
        {
            source!["url"] = new Uri(baseUri, source["url"]!.GetValue<string>()).AbsoluteUri;
        }

        var path = Path.Combine(directory, "sources.json");
        File.WriteAllText(path, (adjust?.Invoke(sources) ?? sources).ToJsonString());
        return path;
    }

    public static IReadOnlyList<ExpectedArticle> Expected()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "expected.json")))!;
        var articles = root["pages"]!.AsArray();
        return articles.Select(a => a.Deserialize<ExpectedArticle>(WebJson)!).ToList();
    }

    /// <summary>Sentences the corpus was written to be judged repeated (with who said them first) or new.</summary>
    public static NoveltyTruth Novelty()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "expected.json")))!;
        return root["novelty"].Deserialize<NoveltyTruth>(WebJson)!;
    }

    private static DateTimeOffset ReadDefaultNow()
    {
        var sources = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Samples, "sources.json")))!;
        return DateTimeOffset.Parse(sources["defaultNow"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal sealed record ExpectedArticle(
    string Page,
    string Outlet,
    string Story,
    string Title,
    DateTimeOffset Published,
    string FirstSentence,
    string LastSentence,
    IReadOnlyList<string> MustNotContain);

internal sealed record NoveltyTruth(IReadOnlyList<ExpectedRepeat> Repeats, IReadOnlyList<ExpectedNew> New);

internal sealed record ExpectedRepeat(string Page, string Sentence, IReadOnlyList<string> ReportedBy, string Kind);

internal sealed record ExpectedNew(string Page, string Sentence);

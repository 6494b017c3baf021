using System.Text;
using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

internal static class ExtractorTestHelper
{
    public static readonly ArticleExtractor Extractor = new();

    public static ExtractedArticle Extract(string html, string? contentType = null, Uri? url = null, ExtractionOverrides? overrides = null) =>
        Extractor.Extract(Encoding.UTF8.GetBytes(html), contentType, url, overrides);

    /// <summary>Wraps body paragraphs in a plain page so a test only writes what it is about.</summary>
    public static string Page(string bodyInner, string head = "") =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test page</title>{head}</head><body>{bodyInner}</body></html>";

    public static string Paragraphs(params string[] paragraphs) => string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));

    /// <summary>Four paragraphs of plausible reporting, long enough to be recognized as an article body.</summary>
    public static readonly string[] Story =
    [
        "The regional water board in Kestrel Falls approved a plan on Monday to replace 40 kilometres of lead pipes, a project it says will take six years and cost about 95 million.",
        "Board chair Lotte Aalberg said households in the oldest districts would be connected first, starting with streets where tests last year found the highest lead levels.",
        "Residents will not pay for the work on public land, but owners will be asked to replace pipes on their own property, with grants of up to 2,000 available for those on low incomes.",
        "Opposition members questioned whether the timetable was realistic, pointing out that a smaller replacement scheme in the neighbouring town ran three years late.",
    ];

    public static string StoryText => string.Join("\n\n", Story);
}

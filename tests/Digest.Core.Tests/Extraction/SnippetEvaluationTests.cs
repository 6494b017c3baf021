using System.Text;
using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

/// <summary>The snippet metric must count exactly as trafilatura's eval_common.py (and the dev set's score.py) do.</summary>
public class SnippetEvaluationTests
{
    [Theory]
    [InlineData("  a \t b\n\nc  ", "a b c")]
    [InlineData("a\u00A0\u2009b", "a b")]
    [InlineData("a\u001Fb", "a b")]
    [InlineData("", "")]
    public void Whitespace_is_normalised_like_python_re_s(string raw, string expected)
    {
        Assert.Equal(expected, SnippetEvaluation.Normalize(raw));
    }

    [Fact]
    public void Passages_count_as_whitespace_normalised_substrings()
    {
        var (found, leaked) = SnippetEvaluation.Count("The river rose\n\nby two   metres overnight.", ["rose by two metres", "river  rose", "fell"], ["overnight.", "Share this"]);

        Assert.Equal(2, found);
        Assert.Equal(1, leaked);
    }

    [Fact]
    public void Counts_are_summed_over_pages_and_empty_bodies_are_listed()
    {
        var cases = new[]
        {
            SnippetEvalCase.FromFiles("story", Encoding.UTF8.GetBytes(ExtractorTestHelper.Page("<nav><a href=\"/\">Front page</a></nav>" + ExtractorTestHelper.Paragraphs(ExtractorTestHelper.Story))),
                """{"url":"https://example.org/a","with":["replace 40 kilometres of lead pipes","ran three years late","not on the page"],"without":["Front page"]}""", null),
            SnippetEvalCase.FromFiles("empty", Encoding.UTF8.GetBytes("<html><body><div id=\"root\"></div></body></html>"), """{"url":"https://example.org/b","with":["lost"],"without":["x"]}""", null),
        };

        var report = SnippetEvaluation.Run(ExtractorTestHelper.Extractor, cases);

        Assert.Equal((2, 0, 2, 2), (report.TruePositives, report.FalsePositives, report.FalseNegatives, report.TrueNegatives));
        Assert.Equal(1.0, report.Precision);
        Assert.Equal(0.5, report.Recall);
        Assert.Equal(4.0 / 6.0, report.F1, 10);
        Assert.Equal(["empty"], report.EmptyPages.Select(p => p.Case.Name));
    }

    [Fact]
    public void A_malformed_snippet_file_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => SnippetEvalCase.FromFiles("bad", [], """{"with":"not a list"}""", null));
    }
}

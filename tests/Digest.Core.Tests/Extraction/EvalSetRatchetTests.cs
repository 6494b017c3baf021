using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

/// <summary>
/// The ratchet: extraction quality on our own evaluation set may not fall below the level reached. Raise the floor
/// when the extractor improves; never lower it to make a change pass.
/// </summary>
public class EvalSetRatchetTests
{
    /// <summary>Mean F1 (shingle metric, P and R averaged per page) reached on the set; see `digest eval extraction`.</summary>
    private const double F1Floor = 0.997;

    private static readonly string SetDirectory = Path.Combine(AppContext.BaseDirectory, "Extraction", "EvalSet");

    internal static List<ExtractionEvalCase> LoadSet()
    {
        var cases = new List<ExtractionEvalCase>();
        foreach (var html in Directory.GetFiles(SetDirectory, "*.html"))
        {
            var name = Path.GetFileNameWithoutExtension(html);
            var headers = Path.ChangeExtension(html, ".headers");
            cases.Add(ExtractionEvalCase.FromFiles(name, File.ReadAllBytes(html), File.ReadAllText(Path.ChangeExtension(html, ".txt")),
                File.Exists(headers) ? File.ReadAllText(headers) : null));
        }

        return cases;
    }

    [Fact]
    public void Set_has_at_least_forty_articles_and_some_non_articles()
    {
        var cases = LoadSet();

        Assert.True(cases.Count(c => c.ExpectedIsArticle) >= 40, $"only {cases.Count(c => c.ExpectedIsArticle)} article pages");
        Assert.True(cases.Count(c => !c.ExpectedIsArticle) >= 4);
        Assert.Contains(cases, c => c.ContentType is not null);
    }

    [Fact]
    public void F1_on_the_evaluation_set_holds_the_ratchet()
    {
        var report = ExtractionEvaluation.Run(new ArticleExtractor(), LoadSet());
        var worst = report.Pages.Where(p => p.Case.ExpectedIsArticle).OrderBy(p => p.Score.F1).Take(3).Select(p => $"{p.Case.Name}={p.Score.F1:F3}");

        Assert.True(report.Mean.F1 >= F1Floor, $"F1 {report.Mean.F1:F4} fell below {F1Floor} (P {report.Mean.Precision:F4}, R {report.Mean.Recall:F4}); worst: {string.Join(", ", worst)}");
    }

    [Fact]
    public void Every_page_is_recognized_as_article_or_not()
    {
        var report = ExtractionEvaluation.Run(new ArticleExtractor(), LoadSet());

        Assert.All(report.Pages, p => Assert.True(p.ClassifiedCorrectly, $"{p.Case.Name}: expected article={p.Case.ExpectedIsArticle}, got {p.Extracted.IsArticle} ({p.Extracted.NotArticleReason})"));
    }

    /// <summary>
    /// Real pages carry far more weight than our fixtures: inline scripts and styles, mega-menus, walls of footer
    /// links. Adding that weight to every page of the set must not change what is extracted.
    /// </summary>
    [Fact]
    public void Page_weight_around_the_article_does_not_change_the_result()
    {
        var extractor = new ArticleExtractor();
        var script = "<script>" + string.Concat(Enumerable.Range(0, 400).Select(i => $"window.c{i}={{id:{i},html:\"<p>not text {i}</p>\"}};")) + "</script>";
        var style = "<style>" + string.Concat(Enumerable.Range(0, 300).Select(i => $".c-{i}{{margin:{i % 9}px}}")) + "</style>";
        var menu = "<div class=\"mega-menu\"><ul>" + string.Concat(Enumerable.Range(0, 20).Select(i => $"<li><a href=\"/s/{i}\">Section {i}</a><ul>" + string.Concat(Enumerable.Range(0, 8).Select(j => $"<li><a href=\"/s/{i}/{j}\">Topic {j}</a></li>")) + "</ul></li>")) + "</ul></div>";
        var footer = "<div class=\"site-footer-links\">" + string.Concat(Enumerable.Range(0, 120).Select(i => $"<a href=\"/f/{i}\">Footer link {i}</a> ")) + "</div>" + script;
        var latin1 = System.Text.Encoding.Latin1;
        foreach (var page in LoadSet())
        {
            // Latin-1 round-trips every byte, so the page's own encoding is untouched by the padding.
            var html = latin1.GetString(page.Html);
            var bodyStart = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
            var padded = bodyStart < 0
                ? style + script + menu + html + footer
                : html[..bodyStart].Replace("</head>", style + script + "</head>", StringComparison.OrdinalIgnoreCase)
                    + html[bodyStart..(html.IndexOf('>', bodyStart) + 1)] + menu + html[(html.IndexOf('>', bodyStart) + 1)..].Replace("</body>", footer + "</body>", StringComparison.OrdinalIgnoreCase);

            var plain = extractor.Extract(page.Html, page.ContentType, url: null);
            var heavy = extractor.Extract(latin1.GetBytes(padded), page.ContentType, url: null);

            // Non-articles are judged on the verdict only: what little text they have may legitimately shift.
            Assert.True(!page.ExpectedIsArticle || plain.Text == heavy.Text, $"{page.Name}: padding changed the text");
            Assert.True(plain.IsArticle == heavy.IsArticle, $"{page.Name}: padding changed the verdict ({heavy.NotArticleReason})");
        }
    }
}

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
}

using System.Text;
using System.Text.RegularExpressions;
using Digest.Cli.Tests.Support;
using Digest.Core.Articles;
using Digest.Core.Json;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// The whole daily cycle against the sample corpus served over HTTP from 127.0.0.1: feeds of every format, pages with
/// real-site chrome, stories told by several outlets over days.
/// </summary>
public sealed class WholeCycleTests : SampleSiteTest
{
    [Fact]
    public async Task A_second_run_adds_nothing_and_changes_nothing()
    {
        var data = Temp.Sub("data");
        var first = await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var afterFirst = await ArchiveSnapshot.TakeAsync(data);

        var second = await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var afterSecond = await ArchiveSnapshot.TakeAsync(data);

        Assert.Equal(SampleCorpus.Expected().Count, first.Sources.Sum(s => s.NewArticles));
        Assert.Equal(0, second.Sources.Sum(s => s.NewArticles));
        Assert.Equal(0, second.Processed);
        Assert.Equal(0, second.Sent);
        Assert.True(afterFirst.SequenceEqual(afterSecond), ArchiveSnapshot.Difference(afterFirst, afterSecond));
    }

    [Fact]
    public async Task Bodies_are_extracted_without_the_sites_chrome()
    {
        var data = Temp.Sub("data");
        await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var articles = await ReadArticlesAsync(data);

        foreach (var expected in SampleCorpus.Expected())
        {
            var article = Assert.Single(articles, a => a.Url.AbsolutePath.EndsWith(expected.Page, StringComparison.Ordinal));
            Assert.Equal(expected.Outlet, article.Outlet);
            Assert.Equal(expected.Published, article.Published);
            Assert.Contains(Normalize(expected.FirstSentence), Normalize(article.Text), StringComparison.Ordinal);
            Assert.Contains(Normalize(expected.LastSentence), Normalize(article.Text), StringComparison.Ordinal);
            foreach (var chrome in expected.MustNotContain)
            {
                Assert.DoesNotContain(Normalize(chrome), Normalize(article.Text), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Articles_of_the_same_event_share_a_story_and_others_do_not()
    {
        var data = Temp.Sub("data");
        await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var articles = await ReadArticlesAsync(data);
        var expectedByPage = SampleCorpus.Expected().ToDictionary(e => e.Page, StringComparer.Ordinal);

        var pairs = from a in articles
                    from b in articles
                    where string.CompareOrdinal(a.Id, b.Id) < 0
                    select (a, b);
        foreach (var (a, b) in pairs)
        {
            var sameEvent = StoryOf(a) == StoryOf(b);
            Assert.True(sameEvent == (a.StoryId == b.StoryId),
                $"{a.Title} ({StoryOf(a)}) and {b.Title} ({StoryOf(b)}) should {(sameEvent ? "" : "not ")}share a story");
        }

        string StoryOf(Article article) => expectedByPage.Single(e => article.Url.AbsolutePath.EndsWith(e.Key, StringComparison.Ordinal)).Value.Story;
    }

    [Fact]
    public async Task Later_coverage_is_labelled_against_what_earlier_articles_said()
    {
        var data = Temp.Sub("data");
        await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var articles = await ReadArticlesAsync(data);
        var store = new JsonDocumentStore(new FileSystemBlobStore(data));

        foreach (var article in articles)
        {
            Assert.Equal(ArticleStatus.Processed, article.Status);
            Assert.NotNull(article.Novelty);
            Assert.NotEmpty(article.Summary!);
            var story = await store.GetAsync<Story>(Containers.Stories, BlobPaths.Story(article.StoryId!));
            var position = story!.ArticleIds.ToList().IndexOf(article.Id);
            var earlier = story.ArticleIds.Take(position).ToHashSet(StringComparer.Ordinal);
            if (position == 0)
            {
                Assert.Empty(article.Novelty!.Repeated);
            }

            // Every "already reported" points at articles that were in the story before this one.
            foreach (var repeated in article.Novelty!.Repeated)
            {
                Assert.NotEmpty(repeated.SeenIn);
                Assert.All(repeated.SeenIn, id => Assert.Contains(id, earlier));
            }

            // Every sentence of the article is labelled exactly once.
            Assert.Equal(
                article.Novelty.New.Count + article.Novelty.Repeated.Count,
                article.Novelty.New.Distinct(StringComparer.Ordinal).Count() + article.Novelty.Repeated.Select(r => r.Sentence).Distinct(StringComparer.Ordinal).Count());
        }

        // The biggest story is told over several days, so its later articles repeat some of what was said before.
        var biggest = articles.GroupBy(a => a.StoryId).OrderByDescending(g => g.Count()).First().OrderBy(a => a.Published).ToList();
        Assert.Contains(biggest.Skip(1), a => a.Novelty!.Repeated.Count > 0);
        Assert.Contains(biggest.Skip(1), a => a.Novelty!.New.Count > 0);
    }

    [Fact]
    public async Task Sentences_the_corpus_marks_as_repeats_are_repeated_and_fresh_facts_are_new()
    {
        var data = Temp.Sub("data");
        await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var articles = await ReadArticlesAsync(data);
        Article ByPage(string page) => articles.Single(a => a.Url.AbsolutePath.EndsWith(page, StringComparison.Ordinal));
        var truth = SampleCorpus.Novelty();

        foreach (var repeat in truth.Repeats)
        {
            var article = ByPage(repeat.Page);
            var labelled = article.Novelty!.Repeated.SingleOrDefault(r => Normalize(r.Sentence) == Normalize(repeat.Sentence));
            Assert.True(labelled is not null, $"\"{repeat.Sentence}\" in {repeat.Page} should be labelled repeated ({repeat.Kind})");
            var firstReporters = repeat.ReportedBy.Select(p => ByPage(p).Id).ToList();
            Assert.True(labelled.SeenIn.Intersect(firstReporters).Any(),
                $"\"{repeat.Sentence}\" should be traced to {string.Join(", ", repeat.ReportedBy)}, not {string.Join(", ", labelled.SeenIn)}");
        }

        foreach (var fresh in truth.New)
        {
            var article = ByPage(fresh.Page);
            Assert.True(article.Novelty!.New.Any(s => Normalize(s) == Normalize(fresh.Sentence)),
                $"\"{fresh.Sentence}\" in {fresh.Page} should be labelled new");
        }
    }

    [Fact]
    public async Task The_briefing_is_archived_and_mailed_as_multipart_alternative()
    {
        var data = Temp.Sub("data");
        var result = await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);

        Assert.NotEmpty(result.Briefing.Stories);
        Assert.True(File.Exists(result.BriefingPath));
        var html = await File.ReadAllTextAsync(result.BriefingPath);
        foreach (var story in result.Briefing.Stories)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(story.Title), html, StringComparison.Ordinal);
        }

        var eml = Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml"));
        var message = await File.ReadAllTextAsync(eml, Encoding.UTF8);
        Assert.Contains("To: reader@example.org", message, StringComparison.Ordinal);
        var boundary = Regex.Match(message, "multipart/alternative;\\s*boundary=\"?([^\"\\r\\n]+)\"?").Groups[1].Value;
        Assert.NotEmpty(boundary);
        var plain = message.IndexOf("Content-Type: text/plain", StringComparison.Ordinal);
        var htmlPart = message.IndexOf("Content-Type: text/html", StringComparison.Ordinal);
        Assert.True(plain > 0 && htmlPart > plain, "text/plain must come before text/html");
        Assert.Contains("--" + boundary + "--", message, StringComparison.Ordinal);
    }

    private static async Task<List<Article>> ReadArticlesAsync(string data)
    {
        var store = new JsonDocumentStore(new FileSystemBlobStore(data));
        var result = new List<Article>();
        await foreach (var path in store.Blobs.ListAsync(Containers.Articles))
        {
            result.Add((await store.GetAsync<Article>(Containers.Articles, path))!);
        }

        return result;
    }

    /// <summary>Compares text the way a reader does: typographic quotes and runs of white space don't matter.</summary>
    private static string Normalize(string text)
        => Regex.Replace(text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"'), "\\s+", " ").Trim();
}

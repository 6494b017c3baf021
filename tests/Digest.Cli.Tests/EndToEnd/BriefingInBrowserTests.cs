using Digest.Cli.Tests.Support;
using Microsoft.Playwright;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>The briefing as a reader sees it: opened in a real browser, on a phone and on a desktop.</summary>
public sealed class BriefingInBrowserTests : SampleSiteTest
{
    [Theory]
    [InlineData(375, 740)]
    [InlineData(800, 900)]
    [InlineData(1280, 900)]
    public async Task The_briefing_reads_without_sideways_scrolling_and_its_contents_lead_to_each_story(int width, int height)
    {
        var result = await CycleRunner.RunAsync(SourcesFile, Temp.Sub("data"), SampleCorpus.Now);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });

        await page.GotoAsync(new Uri(result.BriefingPath).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Temp.Sub($"briefing-{width}.png"), FullPage = true });

        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the page is wider than the screen");
        var headings = await page.Locator("h2").AllInnerTextsAsync();
        Assert.Equal(result.Briefing.Stories.Select(s => s.Title), headings);
        foreach (var story in result.Briefing.Stories)
        {
            await page.Locator($"li a[href='#{story.StoryId}']").ClickAsync();
            Assert.True(await page.Locator($"[id='{story.StoryId}']").IsVisibleAsync());
            var box = await page.Locator($"[id='{story.StoryId}']").BoundingBoxAsync();
            Assert.True(box is not null && box.Y < height, $"the contents link to \"{story.Title}\" should bring the story into view");
            var coverage = await page.Locator($"[id='{story.StoryId}'] a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
            // Coverage without an http(s) address is named as text, not linked.
            Assert.Equal(story.Coverage.Count(c => c.Url is not null), coverage.Length);
            Assert.All(coverage, href => Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps), href));
        }
    }
}

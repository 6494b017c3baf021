using Digest.Cli.Tests.Support;
using Microsoft.Playwright;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// The archive site as a reader browses it, in a real browser on a phone-sized screen, opened from the plain data
/// folder (<c>&lt;data&gt;/$web/</c>): its relative links must work without any server.
/// </summary>
public sealed class SiteInBrowserTests : SampleSiteTest
{
    [Fact]
    public async Task Home_leads_to_a_briefing_a_story_and_an_outlet_with_no_console_error_and_no_sideways_scrolling()
    {
        var data = Temp.Sub("data");
        var result = await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 740 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(Path.Combine(data, "$web", "index.html")).AbsoluteUri);
        await AssertFitsAsync(page, "home");
        await page.Locator("main section").First.Locator("h2 a").ClickAsync();
        Assert.EndsWith($"/briefings/{SampleCorpus.Now:yyyy-MM-dd}/index.html", page.Url, StringComparison.Ordinal);
        await AssertFitsAsync(page, "briefing");

        var story = result.Briefing.Stories[0];
        await page.Locator($"main article h2 a[href$='stories/{story.StoryId}/index.html']").ClickAsync();
        Assert.EndsWith($"/stories/{story.StoryId}/index.html", page.Url, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("h1").InnerTextAsync()));
        await AssertFitsAsync(page, "story");
        Assert.True(await page.Locator("main ol li").CountAsync() > 0, "the story page lists its articles");

        await page.Locator("main ol li strong a").First.ClickAsync();
        Assert.Contains("/outlets/", page.Url, StringComparison.Ordinal);
        await AssertFitsAsync(page, "outlet");
        Assert.Equal(["Health", "Recent articles"], await page.Locator("main h2").AllInnerTextsAsync());

        Assert.Empty(errors);
    }

    private static async Task AssertFitsAsync(IPage page, string what)
        => Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"the {what} page is wider than a phone");
}

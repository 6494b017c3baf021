using System.Text.Json;
using Digest.Cli.Tests.Support;
using Digest.Infrastructure.Tests.Support;
using Microsoft.Playwright;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// The archive site as a reader browses it, in a real browser on a phone-sized screen, opened from the plain data
/// folder (<c>&lt;data&gt;/$web/</c>): its relative links must work without any server, and axe-core must find no serious
/// or critical accessibility violation on any page kind.
/// </summary>
public sealed class SiteInBrowserTests : SampleSiteTest
{
    [Fact]
    public async Task Home_leads_to_a_briefing_a_story_and_an_outlet_accessibly_with_no_console_error_and_no_sideways_scrolling()
    {
        var data = Temp.Sub("data");
        var result = await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        // The pages' CSP allows no script; the test's own (axe-core) is let in by the browser, not by the pages.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 740 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        var axe = await File.ReadAllTextAsync(await NpmTool.LocateOrInstallAsync("axe-core", "axe-core@" + AxeVersion,
            Path.Combine("node_modules", "axe-core", "axe.min.js")));
        var errors = ErrorsOf(page);

        await page.GotoAsync(new Uri(Path.Combine(data, "$web", "index.html")).AbsoluteUri);
        await AssertFitsAsync(page, "home", axe);
        await page.Locator("main section").First.Locator("h2 a").ClickAsync();
        Assert.EndsWith($"/briefings/{SampleCorpus.Now:yyyy-MM-dd}/index.html", page.Url, StringComparison.Ordinal);
        await AssertFitsAsync(page, "briefing", axe);

        var story = result.Briefing.Stories[0];
        await page.Locator($"main article h2 a[href$='stories/{story.StoryId}/index.html']").ClickAsync();
        Assert.EndsWith($"/stories/{story.StoryId}/index.html", page.Url, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("h1").InnerTextAsync()));
        await AssertFitsAsync(page, "story", axe);
        Assert.True(await page.Locator("main ol li").CountAsync() > 0, "the story page lists its articles");

        await page.Locator("main ol li strong a").First.ClickAsync();
        Assert.Contains("/outlets/", page.Url, StringComparison.Ordinal);
        await AssertFitsAsync(page, "outlet", axe);
        Assert.Equal(["Health", "Recent articles"], await page.Locator("main h2").AllInnerTextsAsync());

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Search_finds_a_story_by_a_word_of_its_title_and_leads_to_it_with_no_csp_or_console_error()
    {
        var data = Temp.Sub("data");
        var result = await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);
        // The search script fetches its index, which a browser allows over HTTP only: the site as a static host serves it.
        await using var site = await StaticSiteServer.StartAsync(Path.Combine(data, "$web"));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 740 } });
        var errors = ErrorsOf(page);
        var story = result.Briefing.Stories[0];
        var storyPage = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "stories", story.StoryId + ".json")));
        var word = storyPage.RootElement.GetProperty("title").GetString()!.Split(' ').OrderByDescending(w => w.Length).First().Trim(',', '.', ':');

        await page.GotoAsync(new Uri(site.BaseUri, "search/index.html").AbsoluteUri);
        await page.Locator("#q").FillAsync(word.ToUpperInvariant());
        var first = page.Locator("#results li a").First;
        await first.WaitForAsync();
        Assert.Contains("match", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        var links = await page.Locator("#results li a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Contains($"../stories/{story.StoryId}/index.html", links);
        await page.Locator($"#results li a[href='../stories/{story.StoryId}/index.html']").ClickAsync();

        Assert.EndsWith($"/stories/{story.StoryId}/index.html", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    private const string AxeVersion = "4.14.1";

    /// <summary>Console errors (a CSP refusal among them) and uncaught exceptions of the page, as they come.</summary>
    private static List<string> ErrorsOf(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>Fits a phone's width, and axe-core finds no serious or critical accessibility violation.</summary>
    private static async Task AssertFitsAsync(IPage page, string what, string axe)
    {
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"the {what} page is wider than a phone");
        await page.EvaluateAsync(axe);
        var report = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document);
              return {
                passes: results.passes.length,
                violations: results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')'),
              };
            }
            """);
        // Rules that passed show that axe really checked the page.
        Assert.True(report.GetProperty("passes").GetInt32() > 5, $"axe-core did not check the {what} page: {report}");
        Assert.True(report.GetProperty("violations").GetArrayLength() == 0, $"the {what} page: {report}");
    }
}

using System.Text.Json;
using Digest.Cli.Tests.Support;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Site;
using Digest.Core.Stories;
using Digest.Core.Summaries;
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

    [Fact]
    public async Task Hostile_titles_stay_text_in_the_browser_and_every_page_kind_works_by_keyboard_on_a_desktop()
    {
        var web = Temp.Sub("hostile-site");
        foreach (var generated in SiteGenerator.Generate([HostileBriefing()], [HostileStory()], [HostileArticle("a1", 0), HostileArticle("a2", 3)]))
        {
            var file = Path.Combine(web, generated.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, generated.Content.ToArray());
        }

        await using var site = await StaticSiteServer.StartAsync(web);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var axe = await File.ReadAllTextAsync(await NpmTool.LocateOrInstallAsync("axe-core", "axe-core@" + AxeVersion,
            Path.Combine("node_modules", "axe-core", "axe.min.js")));
        // The pages' own CSP is enforced here: only the search script may run, and nothing from a title at all.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var errors = ErrorsOf(page);
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        // axe-core is the test's script, so it runs in its own context that lets it past the pages' CSP.
        var audit = await (await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, BypassCSP = true,
        })).NewPageAsync();

        foreach (var path in new[] { SitePaths.Home, SitePaths.Briefing(HostileDay), SitePaths.Story("s-1"), SitePaths.Outlet("src"), SiteSearch.PagePath, SitePaths.NotFound })
        {
            var address = new Uri(site.BaseUri, path).AbsoluteUri;
            await page.GotoAsync(address);
            Assert.Equal(0, await page.Locator("img, iframe, svg, b, [onerror], [onload], [onmouseover]").CountAsync());
            // The search page's own script is the only one any page has.
            Assert.Equal(path == SiteSearch.PagePath ? 1 : 0, await page.Locator("script").CountAsync());
            Assert.False(await page.EvaluateAsync<bool>("() => 'pwned' in window"), path);
            var schemes = await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.protocol)");
            Assert.All(schemes, scheme => Assert.Contains(scheme, new[] { "http:", "https:" }));

            // Tab first reaches the skip link, which hands focus to the page's content.
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

            await audit.GotoAsync(address);
            await AssertAccessibleAsync(audit, path, axe, width: 1280);
        }

        await page.GotoAsync(new Uri(site.BaseUri, SitePaths.Story("s-1")).AbsoluteUri);
        Assert.Equal(HostileTitle, await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync(new Uri(site.BaseUri, SiteSearch.PagePath).AbsoluteUri);
        await page.Locator("#q").FillAsync("onerror");
        var result = page.Locator("#results li a").First;
        await result.WaitForAsync();
        Assert.Equal(HostileTitle, await result.InnerTextAsync());
        Assert.Equal(0, await page.Locator("#results img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => 'pwned' in window"));

        Assert.Equal(0, dialogs);
        Assert.Empty(errors);
    }

    private const string AxeVersion = "4.14.1";

    private const string HostileTitle = "<img src=x onerror=\"window.pwned=1;alert(1)\"><script>window.pwned=1</script> Talks resume";

    private static readonly DateOnly HostileDay = new(2026, 6, 3);

    private static readonly DateTimeOffset HostileNoon = new(2026, 6, 3, 12, 0, 0, TimeSpan.Zero);

    private static Briefing HostileBriefing() => new()
    {
        Date = HostileDay, WindowStart = HostileNoon.AddDays(-1), WindowEnd = HostileNoon,
        Stories = [new BriefingStory
        {
            StoryId = "s-1", Title = HostileTitle, IsNew = true, Summary = [], Coverage = [],
            WhatsNew = [new AttributedSentence(HostileTitle, "a1", "<b onmouseover=\"window.pwned=1\">Valley Post</b>")],
        }],
    };

    private static Story HostileStory() => new() { Id = "s-1", Title = HostileTitle, ArticleIds = ["a1", "a2"], FirstSeen = HostileNoon, LastUpdated = HostileNoon };

    /// <summary>Two members of the story: one whose address is javascript:, one on https.</summary>
    private static Article HostileArticle(string id, int hoursLater) => new()
    {
        Id = id, Outlet = "<svg onload=\"window.pwned=1\">Valley Post", SourceId = "src", Title = HostileTitle,
        Url = hoursLater == 0 ? new Uri("javascript:window.pwned=1") : new Uri("https://example.org/" + id),
        Published = HostileNoon.AddHours(hoursLater), FetchedAt = HostileNoon.AddHours(hoursLater), Text = "Talks resume. " + HostileTitle,
        Status = ArticleStatus.Processed, Summary = [HostileTitle], StoryId = "s-1",
    };

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
    private static Task AssertFitsAsync(IPage page, string what, string axe) => AssertAccessibleAsync(page, what, axe, width: 375);

    /// <summary>No sideways scrolling at <paramref name="width"/>, and no serious or critical axe-core violation.</summary>
    private static async Task AssertAccessibleAsync(IPage page, string what, string axe, int width)
    {
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"the {what} page is wider than {width} px");
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

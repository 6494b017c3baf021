using System.Text;
using Digest.Core.Briefings;
using Digest.Core.Summaries;

namespace Digest.Core.Tests.Briefings;

/// <summary>The briefing as a mail: links of the recipient, preheader, dark mode, and Gmail's clipping limit.</summary>
public sealed class BriefingMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 3, 6, 0, 0, TimeSpan.Zero);

    private static readonly BriefingLinks Links = new(new Uri("https://digest.example/briefings/2026-06-03/"), new Uri("https://digest.example/api/unsubscribe?token=v1.abc.def"));

    private static BriefingStory Story(int number, int sentences = 3) => new()
    {
        StoryId = "s" + number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        Title = $"Harbour talks, day {number}: negotiators return to the table",
        IsNew = false,
        WhatsNew = [.. Enumerable.Range(0, sentences).Select(i => new AttributedSentence($"Negotiators met for the {i + 1}th time on day {number} and agreed to keep the corridor open for grain ships until the next round of talks.", "a" + i, "Valley Post"))],
        Summary = [.. Enumerable.Range(0, sentences).Select(i => new AttributedSentence($"The talks began in spring, and on day {number} the two sides had agreed on {i + 2} of the seven points under discussion.", "b" + i, "Orlen Herald"))],
        Coverage = [new CoverageLink("a0", "Valley Post", "Talks resume", new Uri("https://valley-post.example/a0"), Now.AddHours(-3), true)],
    };

    private static Briefing Briefing(int stories, int sentences = 3) => new()
    {
        Date = DateOnly.FromDateTime(Now.UtcDateTime),
        WindowStart = Now.AddHours(-24),
        WindowEnd = Now,
        Stories = [.. Enumerable.Range(1, stories).Select(n => Story(n, sentences))],
    };

    [Fact]
    public void Both_parts_carry_the_web_copy_and_the_recipient_s_unsubscribe_link()
    {
        var briefing = Briefing(2);

        var html = BriefingHtmlRenderer.Render(briefing, Links);
        var text = BriefingPlainTextRenderer.Render(briefing, Links);

        Assert.Contains("href=\"https://digest.example/api/unsubscribe?token=v1.abc.def\"", html, StringComparison.Ordinal);
        Assert.Contains(">Unsubscribe</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://digest.example/briefings/2026-06-03/\"", html, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: https://digest.example/api/unsubscribe?token=v1.abc.def", text, StringComparison.Ordinal);
        Assert.Contains("Read it on the web: https://digest.example/briefings/2026-06-03/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_that_are_not_http_are_left_out()
    {
        var hostile = new BriefingLinks(new Uri("javascript:alert(1)"), new Uri("file:///etc/passwd"));

        var html = BriefingHtmlRenderer.Render(Briefing(1), hostile);
        var text = BriefingPlainTextRenderer.Render(Briefing(1), hostile);

        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("file:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsubscribe", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hidden_preheader_carries_the_overview_and_dark_mode_re_colours_every_palette_colour()
    {
        var html = BriefingHtmlRenderer.Render(Briefing(2), Links);

        Assert.Contains("<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all;\">2 stories from 2 articles by 1 outlet.", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", html, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme:dark)", html, StringComparison.Ordinal);
        Assert.Contains("class=\"bg\" style=\"margin:0;padding:0;background:#f4f1ea;\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"card\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"tx\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"ln\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Georgia", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_briefing_stays_under_gmail_s_clipping_limit_and_says_what_is_left_to_the_web_copy()
    {
        var briefing = Briefing(400, sentences: 6);

        var html = BriefingHtmlRenderer.Render(briefing, Links);

        Assert.True(Encoding.UTF8.GetByteCount(html) < 102 * 1024, $"{Encoding.UTF8.GetByteCount(html)} bytes");
        var shown = System.Text.RegularExpressions.Regex.Count(html, "<h2 ");
        Assert.InRange(shown, 5, 399);
        Assert.Contains($"{400 - shown} more stories in the <a href=\"https://digest.example/briefings/2026-06-03/\"", html, StringComparison.Ordinal);
        Assert.Equal(shown, System.Text.RegularExpressions.Regex.Count(html, "<li><a href=\"#s"));
        Assert.EndsWith("</body></html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_briefing_shows_every_story()
    {
        var html = BriefingHtmlRenderer.Render(Briefing(12), Links);

        Assert.Equal(12, System.Text.RegularExpressions.Regex.Count(html, "<h2 "));
        Assert.DoesNotContain("more stor", html, StringComparison.Ordinal);
    }
}

using System.Text;
using static Digest.Core.Tests.Extraction.ExtractorTestHelper;

namespace Digest.Core.Tests.Extraction;

/// <summary>What a page says about itself is written by a stranger: links must be http(s), text free of control characters.</summary>
public class HostileMetadataTests
{
    private static readonly string Body = Paragraphs(Story);
    private static readonly Uri PageUrl = new("https://news.example/2026/ferry");

    // ---- Canonical URL: only http(s) ----

    public static TheoryData<string> HostileHeads => new()
    {
        "<link rel=\"canonical\" href=\"javascript:alert(1)\">",
        "<link rel=\"canonical\" href=\" JaVaScRiPt:alert(document.cookie)\">",
        "<link rel=\"canonical\" href=\"&#106;avascript:alert(1)\">",
        "<link rel=\"canonical\" href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
        "<link rel=\"canonical\" href=\"file:///etc/passwd\">",
        "<link rel=\"canonical\" href=\"vbscript:msgbox(1)\">",
        "<meta property=\"og:url\" content=\"javascript:alert(1)\">",
        "<meta property=\"og:url\" content=\"data:text/html,<script>alert(1)</script>\">",
        "<meta property=\"og:url\" content=\"file:///C:/Windows/win.ini\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"url\":\"javascript:alert(1)\"}</script>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"mainEntityOfPage\":{\"@id\":\"file:///srv/x.html\"}}</script>",
        "<link rel=\"canonical\" href=\"https://\">",
    };

    [Theory]
    [MemberData(nameof(HostileHeads))]
    public void A_non_http_canonical_falls_back_to_the_http_page_url(string head)
    {
        var article = Extract(Page(Body, head), url: PageUrl);

        Assert.Equal(PageUrl, article.CanonicalUrl);
    }

    [Theory]
    [MemberData(nameof(HostileHeads))]
    public void A_non_http_canonical_on_a_file_page_gives_no_canonical_url(string head)
    {
        Assert.Null(Extract(Page(Body, head), url: new Uri("file:///srv/pages/ferry.html")).CanonicalUrl);
        Assert.Null(Extract(Page(Body, head), url: null).CanonicalUrl);
    }

    [Fact]
    public void A_hostile_canonical_gives_way_to_a_good_og_url()
    {
        var head = "<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"https://news.example/ferry\">";

        Assert.Equal(new Uri("https://news.example/ferry"), Extract(Page(Body, head), url: new Uri("file:///srv/ferry.html")).CanonicalUrl);
    }

    [Fact]
    public void A_page_read_from_a_file_without_a_canonical_link_has_no_canonical_url()
    {
        Assert.Null(Extract(Page(Body), url: new Uri("file:///srv/pages/ferry.html")).CanonicalUrl);
    }

    [Fact]
    public void Binary_content_from_a_file_url_has_no_canonical_url()
    {
        var article = Extractor.Extract("%PDF-1.7"u8, "application/pdf", new Uri("file:///srv/x.pdf"));

        Assert.False(article.IsArticle);
        Assert.Null(article.CanonicalUrl);
    }

    // ---- Control and bidi characters: removed when the article is made ----

    private static readonly string[] Unsafe = ["\0", "\u001B", "\u0007", "\u202E", "\u2066", "\u0085", "\r\n"];

    private static void AssertClean(string? value)
    {
        Assert.NotNull(value);
        foreach (var c in value)
        {
            Assert.False(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u202E' or '\u2066', $"U+{(int)c:X4} in \"{value}\"");
        }
    }

    [Fact]
    public void Nul_escape_bel_and_bidi_overrides_are_removed_from_og_metadata()
    {
        // HtmlAgilityPack leaves "&#0;" as is; the entity decoder turns it into a real U+0000.
        var head = "<meta property=\"og:title\" content=\"Ferry&#0; timetable &#x1B;[31mchanges&#7; &#x202E;txt.exe\">"
            + "<meta property=\"og:site_name\" content=\"Lake&#0; News&#x202E;\"><meta name=\"author\" content=\"Ida&#x1B;]0;pwned&#7; Berg\">";

        var article = Extract(Page(Body, head));

        Assert.Equal("Ferry timetable [31mchanges txt.exe", article.Title);
        Assert.Equal("Lake News", article.SiteName);
        Assert.Equal("Ida]0;pwned Berg", article.Byline);
        AssertClean(article.Title);
        AssertClean(article.SiteName);
        AssertClean(article.Byline);
    }

    [Fact]
    public void Control_characters_are_removed_from_the_json_ld_headline_and_authors()
    {
        var head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ferry\\u0000 timetable\\u202E changes\\u001B\","
            + "\"author\":[{\"name\":\"Ida\\u0007 Berg\"},{\"name\":\"\\u0000\"}],\"publisher\":{\"name\":\"Lake\\r\\nBcc: x@y News\"}}</script>";

        var article = Extract(Page(Body, head));

        Assert.Equal("Ferry timetable changes", article.Title);
        Assert.Equal("Ida Berg", article.Byline);
        Assert.Equal("Lake Bcc: x@y News", article.SiteName);
    }

    [Theory]
    [InlineData("&#0;")]
    [InlineData("&#x1B;")]
    [InlineData("&#7;")]
    [InlineData("&#x202E;")]
    [InlineData("\u0007")]
    public void Control_characters_are_removed_from_the_title_element(string hostile)
    {
        var html = $"<html><head><title>Ferry{hostile} timetable{hostile}</title></head><body>{Body}</body></html>";

        Assert.Equal("Ferry timetable", Extract(html).Title);
    }

    [Fact]
    public void A_title_of_nothing_but_control_characters_gives_way_to_the_next_candidate()
    {
        var html = $"<html><head><meta property=\"og:title\" content=\"&#0;&#x1B;&#x202E;\"><title>Ferry timetable</title></head><body>{Body}</body></html>";

        Assert.Equal("Ferry timetable", Extract(html).Title);
    }

    [Fact]
    public void Body_text_loses_control_characters_but_keeps_its_paragraphs()
    {
        var hostile = Story.Select(p => p.Replace("said", "said&#0;&#x1B;[2J&#7;&#x202E;", StringComparison.Ordinal)).ToArray();

        var article = Extract(Page(Paragraphs(hostile) + "<p>&#0;&#x1B;&#x202E;</p>"));

        Assert.Equal(Story.Length, article.Text.Split("\n\n").Length);
        Assert.Contains("said[2J", article.Text, StringComparison.Ordinal);
        foreach (var paragraph in article.Text.Split("\n\n"))
        {
            AssertClean(paragraph);
        }
    }

    [Fact]
    public void Unsafe_characters_in_raw_utf8_bytes_are_removed_too()
    {
        var raw = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>Ferry");
        foreach (var c in Unsafe.Where(u => u != "\0"))
        {
            raw.Append(c);
        }

        raw.Append(" timetable</title></head><body>").Append(Body).Append("</body></html>");

        var article = Extractor.Extract(Encoding.UTF8.GetBytes(raw.ToString()), null, null);

        Assert.Equal("Ferry timetable", article.Title);
    }
}

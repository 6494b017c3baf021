using System.Text;
using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

public sealed class FeedSafetyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    public void An_empty_document_is_a_format_error(string document)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(document));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_xml_reports_the_format_guess_and_the_line()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""
            <rss version="2.0"><channel>
              <item><title>Unclosed</item>
            </channel></rss>
            """));

        Assert.Contains("RSS", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Xml.XmlException>(error.InnerException);
    }

    [Fact]
    public void Plain_text_is_named_as_such()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("Service temporarily unavailable"));
        Assert.Contains("neither XML nor JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_html_page_served_as_a_feed_is_named_as_such()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""
            <!DOCTYPE html>
            <html><head><title>Harbour Gazette</title><meta charset="utf-8"></head>
            <body><p>Welcome<br>to our site</body></html>
            """));

        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Well_formed_xhtml_is_named_as_html_too()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>"""));
        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_of_another_kind_names_its_root()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>"""));
        Assert.Contains("<urlset>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"digest-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        try
        {
            var document = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "{new Uri(secretFile).AbsoluteUri}"> ]>
                <rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>
                """;

            var error = Assert.Throws<FeedFormatException>(() => Parse(document));

            Assert.Contains("xxe", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET-CONTENT", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void An_external_entity_named_like_an_html_entity_is_still_never_resolved()
    {
        var secretFile = Path.Combine(Path.GetTempPath(), $"digest-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        try
        {
            var document = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY nbsp SYSTEM "{new Uri(secretFile).AbsoluteUri}"> ]>
                <rss version="2.0"><channel><title>A&nbsp;B</title></channel></rss>
                """;

            // The entity-repair fallback turns the reference into a plain no-break space.
            Assert.Equal("A B", Parse(document).Title);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused_without_expanding()
    {
        var document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            ]>
            <rss version="2.0"><channel><title>&d;</title></channel></rss>
            """;

        Assert.Throws<FeedFormatException>(() => Parse(document));
    }

    [Fact]
    public void A_dtd_whose_entities_are_unused_is_ignored()
    {
        var feed = Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY unused SYSTEM "file:///etc/hostname"> ]>
            <rss version="2.0"><channel><title>Fine</title></channel></rss>
            """);

        Assert.Equal("Fine", feed.Title);
        Assert.Empty(feed.Items);
    }

    [Fact]
    public void A_document_over_the_public_limit_is_refused_before_parsing()
    {
        var huge = new byte[FeedParser.MaxDocumentBytes + 1];
        huge.AsSpan().Fill((byte)' ');
        "<rss>"u8.CopyTo(huge);

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(huge, FeedUri));

        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_size_limit_is_exact_and_documents_under_it_parse()
    {
        var body = new StringBuilder("""<rss version="2.0"><channel><title>""");
        body.Append('x', 50_000).Append("</title></channel></rss>");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());

        var refused = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(bytes, FeedUri, maxDocumentBytes: 40_000));
        Assert.Contains("limit", refused.Message, StringComparison.Ordinal);

        var accepted = FeedParser.Parse(bytes, FeedUri, maxDocumentBytes: 60_000);
        Assert.Equal(50_000, accepted.Title!.Length);
    }

    [Fact]
    public void Absurdly_deep_xml_is_refused_without_overflowing_the_stack()
    {
        var depth = 200_000;
        var document = "<rss version=\"2.0\"><channel><item><title>"
            + string.Concat(Enumerable.Repeat("<b>", depth)) + "x" + string.Concat(Enumerable.Repeat("</b>", depth))
            + "</title></item></channel></rss>";

        var error = Assert.Throws<FeedFormatException>(() => Parse(document));

        Assert.Contains("deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurdly_deep_html_inside_a_title_is_flattened_without_overflowing_the_stack()
    {
        var depth = 200_000;
        var html = string.Concat(Enumerable.Repeat("&lt;span&gt;", depth)) + "Deep" + string.Concat(Enumerable.Repeat("&lt;/span&gt;", depth));
        var document = $"<rss version=\"2.0\"><channel><item><title>{html}</title></item></channel></rss>";

        Assert.Equal("Deep", Parse(document).Items[0].Title);
    }

    [Fact]
    public void A_relative_feed_uri_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => FeedParser.Parse("<rss/>"u8, new Uri("feed.xml", UriKind.Relative)));
    }

    [Fact]
    public void Deeply_nested_json_is_refused_cleanly()
    {
        var document = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[" + new string('[', 500) + new string(']', 500) + "]}";
        Assert.Throws<FeedFormatException>(() => Parse(document));
    }
}

using System.Text;
using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

public sealed class RssFeedTests
{
    private const string Rss2 = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>  The Harbour   Gazette </title>
            <link>https://harbour-gazette.example/</link>
            <item>
              <title>
                 Ferry strike ends after
                 three days
              </title>
              <link>/news/2026/11/ferry-strike-ends</link>
              <guid isPermaLink="false"> hg-20261121-0042 </guid>
              <pubDate>Sat, 21 Nov 2026 08:15:00 +0000</pubDate>
              <description>&lt;p&gt;Crews return to the &lt;b&gt;Northgate&lt;/b&gt; route.&lt;/p&gt;&lt;p&gt;Fares unchanged.&lt;/p&gt;</description>
            </item>
            <item>
              <title>Council &amp;amp; port agree on &lt;em&gt;new&lt;/em&gt; quay</title>
              <link>quay-deal?id=7&amp;utm_source=rss</link>
              <dc:date>2026-11-20T17:00:00+01:00</dc:date>
            </item>
            <item>
              <guid>https://harbour-gazette.example/news/weather-warning</guid>
              <title>Weather warning</title>
              <pubDate>not a date at all</pubDate>
            </item>
            <item>
              <description>An item with nothing to identify it is skipped.</description>
            </item>
          </channel>
        </rss>
        """;

    [Fact]
    public void Reads_items_in_document_order_with_trimmed_text_and_resolved_links()
    {
        var feed = Parse(Rss2);

        Assert.Equal("The Harbour Gazette", feed.Title);
        Assert.Equal(3, feed.Items.Count);

        var first = feed.Items[0];
        Assert.Equal("hg-20261121-0042", first.Guid);
        Assert.Equal("Ferry strike ends after three days", first.Title);
        Assert.Equal(new Uri("https://harbour-gazette.example/news/2026/11/ferry-strike-ends"), first.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("Crews return to the Northgate route. Fares unchanged.", first.Summary);
    }

    [Fact]
    public void Decodes_html_in_titles_resolves_links_relative_to_the_feed_directory_and_falls_back_to_dc_date()
    {
        var second = Parse(Rss2).Items[1];

        Assert.Equal("Council & port agree on new quay", second.Title);
        Assert.Equal("https://harbour-gazette.example/news/quay-deal?id=7&utm_source=rss", second.Link!.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(1)), second.Published);
        Assert.Null(second.Guid);
    }

    [Fact]
    public void Uses_a_permalink_guid_as_link_and_reads_an_unparseable_date_as_null()
    {
        var third = Parse(Rss2).Items[2];

        Assert.Equal(new Uri("https://harbour-gazette.example/news/weather-warning"), third.Link);
        Assert.Null(third.Published);
    }

    [Fact]
    public void Does_not_use_a_guid_marked_as_not_a_permalink_as_link()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>T</title>
              <item><guid isPermaLink="false">https://harbour-gazette.example/internal/17</guid><title>Tide tables</title></item>
            </channel></rss>
            """);

        Assert.Null(Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Reads_rss_091_with_its_doctype()
    {
        var feed = Parse("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Valdmoor Courier</title>
              <item><title>Mill reopens</title><link>https://courier.example/mill</link></item>
            </channel></rss>
            """);

        var item = Assert.Single(feed.Items);
        Assert.Equal("Mill reopens", item.Title);
        Assert.Equal(new Uri("https://courier.example/mill"), item.Link);
    }

    [Fact]
    public void Honours_the_encoding_declaration_read_from_the_bytes()
    {
        var latin1 = Encoding.Latin1.GetBytes("""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <rss version="2.0"><channel><title>Café Zeitung</title>
              <item><title>Grüße aus Köln</title><link>https://cafe.example/a</link></item>
            </channel></rss>
            """);

        var feed = FeedParser.Parse(latin1, FeedUri);

        Assert.Equal("Café Zeitung", feed.Title);
        Assert.Equal("Grüße aus Köln", feed.Items[0].Title);
    }

    [Fact]
    public void Honours_a_utf16_byte_order_mark()
    {
        var text = """<rss version="2.0"><channel><title>Örebro Nytt</title><item><title>Snö</title></item></channel></rss>""";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("Örebro Nytt", feed.Title);
        Assert.Equal("Snö", feed.Items[0].Title);
    }

    [Fact]
    public void Drops_links_with_dangerous_schemes()
    {
        var feed = Parse("""
            <rss version="2.0"><channel>
              <item><title>Click</title><link>javascript:alert(1)</link></item>
            </channel></rss>
            """);

        var item = Assert.Single(feed.Items);
        Assert.Null(item.Link);
        Assert.Equal("Click", item.Title);
    }

    [Fact]
    public void Resolves_relative_links_of_a_file_feed_for_the_sample_corpus()
    {
        var feed = Parse(
            """<rss version="2.0"><channel><item><title>Local</title><link>articles/bridge.html</link></item></channel></rss>""",
            new Uri("file:///srv/samples/harbour/feed.xml"));

        Assert.Equal(new Uri("file:///srv/samples/harbour/articles/bridge.html"), feed.Items[0].Link);
    }

    [Fact]
    public void Reads_an_atom_alternate_link_inside_rss_items()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
              <item><title>Alt</title><atom:link rel="alternate" href="/alt/1"/></item>
            </channel></rss>
            """);

        Assert.Equal(new Uri("https://harbour-gazette.example/alt/1"), feed.Items[0].Link);
    }

    [Fact]
    public void Tolerates_whitespace_before_the_xml_declaration_and_keeps_a_utf8_bom()
    {
        var text = "\r\n\n  <?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Zürich Bote</title></channel></rss>";
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        Assert.Equal("Zürich Bote", Parse(text).Title);
        Assert.Equal("Zürich Bote", FeedParser.Parse(withBom, FeedUri).Title);
    }

    [Fact]
    public void Reads_rss_with_a_namespaced_root_and_atom_dates()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns="http://backend.userland.com/rss2" xmlns:a10="http://www.w3.org/2005/Atom"><channel>
              <title>Westbrook Ledger</title>
              <item><title>Dam inspection</title><link>/dam</link><a10:updated>2026-11-19T12:00:00Z</a10:updated></item>
            </channel></rss>
            """);

        var item = Assert.Single(feed.Items);
        Assert.Equal("Westbrook Ledger", feed.Title);
        Assert.Equal(new Uri("https://harbour-gazette.example/dam"), item.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Theory]
    [InlineData("5 &lt; 6 and 7 &gt; 2", "5 < 6 and 7 > 2")]
    [InlineData("AT&amp;T buys a ferry", "AT&T buys a ferry")]
    [InlineData("Caf&amp;eacute; owners &amp;amp; the mayor", "Café owners & the mayor")]
    [InlineData("&lt;strong&gt;Breaking:&lt;/strong&gt; tide record", "Breaking: tide record")]
    [InlineData("<![CDATA[Quay <em>reopens</em> &amp; fares drop]]>", "Quay reopens & fares drop")]
    [InlineData("Tom&#8217;s boat", "Tom\u2019s boat")]
    public void Titles_are_plain_text(string xmlTitle, string expected)
    {
        var feed = Parse($"""<rss version="2.0"><channel><item><title>{xmlTitle}</title></item></channel></rss>""");
        Assert.Equal(expected, feed.Items[0].Title);
    }

    [Fact]
    public void Recovers_from_undeclared_html_entities()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><title>Caf&eacute;&nbsp;Report</title>
              <item><title>Price &ndash; up&hellip; &amp; more</title><link>https://cafe.example/1</link></item>
            </channel></rss>
            """);

        Assert.Equal("Café Report", feed.Title);
        Assert.Equal("Price \u2013 up\u2026 & more", feed.Items[0].Title);
    }

    [Fact]
    public void An_unknown_entity_that_is_not_html_stays_an_error_with_its_line()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""
            <rss version="2.0"><channel>
              <title>&nbsp;&madeup;</title>
            </channel></rss>
            """));

        Assert.Contains("madeup", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_without_a_channel_is_a_format_error()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""<rss version="2.0"><item/></rss>"""));
        Assert.Contains("<channel>", error.Message, StringComparison.Ordinal);
    }
}

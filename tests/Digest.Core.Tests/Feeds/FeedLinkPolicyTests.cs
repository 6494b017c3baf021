using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

/// <summary>Only http(s) leaves a feed; file: only for relative links of a feed the operator gave as a file: URI.</summary>
public sealed class FeedLinkPolicyTests
{
    private static readonly Uri OperatorFileFeed = new("file:///srv/digest/outlets/harbour/feed.xml");

    public static TheoryData<string> HostileAbsoluteLinks => new()
    {
        """<rss version="2.0"><channel><item><title>Leak</title><link>file:///etc/passwd</link></item></channel></rss>""",
        """<rss version="2.0"><channel><item><title>Leak</title><guid isPermaLink="true">file:///etc/passwd</guid></item></channel></rss>""",
        """<rss version="2.0"><channel><item><title>Leak</title><guid>file:///etc/passwd</guid></item></channel></rss>""",
        """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Leak</title><link href="file:///etc/passwd"/></entry></feed>""",
        """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Leak</title><id>file:///etc/passwd</id></entry></feed>""",
        """{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"Leak","url":"file:///etc/passwd"}]}""",
        """{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"Leak","external_url":"file:///etc/passwd"}]}""",
        """
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <channel><title>T</title></channel><item rdf:about="urn:x-harbour:1"><title>Leak</title><link>file:///etc/passwd</link></item>
        </rdf:RDF>
        """,
        """<rss version="2.0"><channel xml:base="file:///etc/"><item><title>Leak</title><link>passwd</link></item></channel></rss>""",
        """<feed xmlns="http://www.w3.org/2005/Atom" xml:base="file:///etc/"><entry><title>Leak</title><link href="passwd"/></entry></feed>""",
    };

    [Theory]
    [MemberData(nameof(HostileAbsoluteLinks))]
    public void A_file_link_written_in_an_http_feed_is_dropped_with_a_warning(string document)
    {
        var feed = Parse(document);

        var item = Assert.Single(feed.Items);
        Assert.Equal("Leak", item.Title);
        Assert.Null(item.Link);
        var warning = Assert.Single(feed.Warnings);
        Assert.Contains("item 1 \"Leak\"", warning, StringComparison.Ordinal);
        Assert.Contains("\"file\"", warning, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileAbsoluteLinks))]
    public void A_file_link_the_document_wrote_is_dropped_even_in_an_operator_file_feed(string document)
    {
        var feed = Parse(document, OperatorFileFeed);

        Assert.Null(Assert.Single(feed.Items).Link);
        Assert.Contains("\"file\"", Assert.Single(feed.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)", "javascript")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "data")]
    [InlineData("ftp://files.example/report.pdf", "ftp")]
    [InlineData("mailto:desk@harbour-gazette.example", "mailto")]
    [InlineData("gopher://old.example/1", "gopher")]
    public void Every_other_scheme_is_dropped_and_named(string href, string scheme)
    {
        var feed = Parse($"""<rss version="2.0"><channel><item><title>Odd</title><link>{href.Replace("&", "&amp;", StringComparison.Ordinal)}</link></item></channel></rss>""");

        Assert.Null(feed.Items[0].Link);
        Assert.Contains($"scheme \"{scheme}\"", Assert.Single(feed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dropped_link_falls_back_to_the_next_candidate()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><item><title>Two</title>
              <link>javascript:void(0)</link><guid>https://harbour-gazette.example/two</guid>
            </item></channel></rss>
            """);

        Assert.Equal(new Uri("https://harbour-gazette.example/two"), feed.Items[0].Link);
        Assert.Single(feed.Warnings);
    }

    [Fact]
    public void Sample_style_relative_links_of_an_operator_file_feed_are_kept_in_every_format()
    {
        var rss = Parse("""<rss version="2.0"><channel><item><title>A</title><link>articles/a.html</link></item></channel></rss>""", OperatorFileFeed);
        var atom = Parse("""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link rel="alternate" type="text/html" href="articles/a.html"/></entry></feed>""", OperatorFileFeed);
        var json = Parse("""{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"articles/a.html"}]}""", OperatorFileFeed);
        var rdf = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <item rdf:about="https://harbour.example/a"><title>A</title><link>articles/a.html</link></item>
            </rdf:RDF>
            """, OperatorFileFeed);
        var upward = Parse("""<rss version="2.0"><channel><item><title>A</title><link>../pages/a.html</link></item></channel></rss>""", OperatorFileFeed);

        var expected = new Uri("file:///srv/digest/outlets/harbour/articles/a.html");
        Assert.All(new[] { rss, atom, json, rdf }, feed =>
        {
            Assert.Equal(expected, feed.Items[0].Link);
            Assert.Empty(feed.Warnings);
        });
        Assert.Equal(new Uri("file:///srv/digest/outlets/pages/a.html"), upward.Items[0].Link);
    }

    [Fact]
    public void A_document_xml_base_takes_away_the_operator_trust_even_when_relative()
    {
        var feed = Parse("""<rss version="2.0"><channel xml:base="articles/"><item><title>A</title><link>a.html</link></item></channel></rss>""", OperatorFileFeed);

        Assert.Null(feed.Items[0].Link);
        Assert.Single(feed.Warnings);
    }

    [Fact]
    public void An_http_xml_base_in_an_operator_file_feed_gives_http_links()
    {
        var feed = Parse("""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://harbour.example/news/"><entry><title>A</title><link href="a.html"/></entry></feed>""", OperatorFileFeed);

        Assert.Equal(new Uri("https://harbour.example/news/a.html"), feed.Items[0].Link);
    }

    [Theory]
    [InlineData("//evil.example/share/x")]
    [InlineData("\\\\evil\\share\\x")]
    public void A_relative_link_that_names_another_host_does_not_inherit_the_operator_trust(string href)
    {
        var feed = Parse($"""<rss version="2.0"><channel><item><title>A</title><link>{href}</link></item></channel></rss>""", OperatorFileFeed);

        Assert.Null(feed.Items[0].Link);
        Assert.Single(feed.Warnings);
    }

    [Fact]
    public void A_relative_link_of_an_http_feed_under_a_file_xml_base_is_dropped()
    {
        var feed = Parse("""<feed xmlns="http://www.w3.org/2005/Atom"><entry xml:base="file:///home/"><title>A</title><link href="user/.ssh/id_rsa"/></entry></feed>""");

        Assert.Null(feed.Items[0].Link);
        Assert.Contains("\"file\"", Assert.Single(feed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Urn_and_tag_ids_are_no_links_and_no_warnings()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><title>U</title></entry>
              <entry><id>tag:harbour.example,2026:1</id><title>T</title></entry>
            </feed>
            """);

        Assert.All(feed.Items, item => Assert.Null(item.Link));
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void The_feed_site_link_is_http_only_even_for_an_operator_file_feed()
    {
        Assert.Equal(new Uri("https://harbour.example/"), Parse("""<rss version="2.0"><channel><link>https://harbour.example/</link></channel></rss>""", OperatorFileFeed).Link);

        var relative = Parse("""<rss version="2.0"><channel><link>index.html</link></channel></rss>""", OperatorFileFeed);
        Assert.Null(relative.Link);
        Assert.Single(relative.Warnings);

        Assert.Null(Parse("""{"version":"https://jsonfeed.org/version/1.1","home_page_url":"javascript:x","items":[]}""").Link);
    }

    [Fact]
    public void Warnings_are_capped()
    {
        var items = string.Concat(Enumerable.Range(0, 500).Select(i => $"<item><title>t{i}</title><link>file:///x/{i}</link></item>"));
        var feed = Parse($"""<rss version="2.0"><channel>{items}</channel></rss>""");

        Assert.Equal(500, feed.Items.Count);
        Assert.Equal(FeedContext.MaxWarnings + 1, feed.Warnings.Count);
        Assert.Contains("400 more", feed.Warnings[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_name_items_in_plain_text()
    {
        var feed = Parse("""<rss version="2.0"><channel><item><title>Bad&#x202E;txt.exe&#x1B;[2J</title><link>file:///x</link></item></channel></rss>""");

        var warning = Assert.Single(feed.Warnings);
        Assert.DoesNotContain('\u202E', warning);
        Assert.DoesNotContain('\u001B', warning);
    }
}

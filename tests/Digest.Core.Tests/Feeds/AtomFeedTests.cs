using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

public sealed class AtomFeedTests
{
    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://northwind-times.example/blog/">
          <title type="html">Northwind &lt;i&gt;Times&lt;/i&gt;</title>
          <id>urn:uuid:5b1c2f0e-1111-4a4a-9c9c-000000000001</id>
          <updated>2026-11-21T10:00:00Z</updated>
          <entry>
            <id>tag:northwind-times.example,2026:entry-81</id>
            <title type="text">Bridge &amp;lt;closed&amp;gt; for repairs</title>
            <link rel="edit" href="/admin/81"/>
            <link rel="alternate" type="text/html" href="2026/bridge-closed"/>
            <published>2026-11-21T07:45:00+02:00</published>
            <updated>2026-11-21T09:00:00+02:00</updated>
            <summary type="html">&lt;p&gt;Traffic is diverted via &lt;a href="/map"&gt;Mill Road&lt;/a&gt;.&lt;/p&gt;</summary>
          </entry>
          <entry xml:base="/archive/2025/">
            <id>tag:northwind-times.example,2026:entry-80</id>
            <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Snow <b>expected</b> tonight</div></title>
            <link href="snow.html"/>
            <updated>2026-11-20T18:00:00Z</updated>
            <content type="text">Up to ten centimetres in the hills.</content>
          </entry>
          <entry>
            <id>https://northwind-times.example/blog/permalink-only</id>
            <title>Id is the permalink</title>
          </entry>
          <entry>
            <link href="/only-a-link"/>
          </entry>
          <entry><summary>Nothing identifies this entry.</summary></entry>
        </feed>
        """;

    [Fact]
    public void Reads_entries_with_alternate_link_resolved_against_xml_base_and_published_date()
    {
        var feed = Parse(Atom);

        Assert.Equal("Northwind Times", feed.Title);
        Assert.Equal(4, feed.Items.Count);

        var first = feed.Items[0];
        Assert.Equal("tag:northwind-times.example,2026:entry-81", first.Guid);
        Assert.Equal("Bridge &lt;closed&gt; for repairs", first.Title);
        Assert.Equal(new Uri("https://northwind-times.example/blog/2026/bridge-closed"), first.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 7, 45, 0, TimeSpan.FromHours(2)), first.Published);
        Assert.Equal("Traffic is diverted via Mill Road.", first.Summary);
    }

    [Fact]
    public void Nested_xml_base_and_a_link_without_rel_and_updated_as_fallback_date()
    {
        var second = Parse(Atom).Items[1];

        Assert.Equal("Snow expected tonight", second.Title);
        Assert.Equal(new Uri("https://northwind-times.example/archive/2025/snow.html"), second.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero), second.Published);
        Assert.Equal("Up to ten centimetres in the hills.", second.Summary);
    }

    [Fact]
    public void Uses_an_http_id_as_link_when_no_link_is_given_and_keeps_link_only_entries()
    {
        var feed = Parse(Atom);

        Assert.Equal(new Uri("https://northwind-times.example/blog/permalink-only"), feed.Items[2].Link);
        Assert.Null(feed.Items[3].Guid);
        Assert.Equal(new Uri("https://northwind-times.example/only-a-link"), feed.Items[3].Link);
    }

    [Fact]
    public void Without_xml_base_links_resolve_against_the_feed_uri()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
              <entry><id>e1</id><title>Relative</title><link href="../story/12"/></entry>
            </feed>
            """);

        Assert.Equal(new Uri("https://harbour-gazette.example/story/12"), feed.Items[0].Link);
    }

    [Fact]
    public void Prefers_the_html_alternate_over_other_media_types()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
              <entry><id>e1</id><title>Budget</title>
                <link rel="enclosure" href="/budget.mp3"/>
                <link rel="alternate" type="application/pdf" href="/budget.pdf"/>
                <link rel="alternate" type="text/html" href="/budget.html"/>
              </entry>
              <entry><id>e2</id><title>Only a PDF</title><link rel="alternate" type="application/pdf" href="/only.pdf"/></entry>
            </feed>
            """);

        Assert.Equal(new Uri("https://harbour-gazette.example/budget.html"), feed.Items[0].Link);
        Assert.Equal(new Uri("https://harbour-gazette.example/only.pdf"), feed.Items[1].Link);
    }

    [Fact]
    public void Reads_atom_03()
    {
        var feed = Parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Blog</title>
              <entry><id>old-1</id><title mode="escaped" type="text/html">Hello &amp;amp; welcome</title>
                <link rel="alternate" type="text/html" href="https://old-blog.example/1"/>
                <issued>2004-03-01T12:00:00Z</issued><modified>2004-03-02T12:00:00Z</modified></entry>
            </feed>
            """);

        var item = Assert.Single(feed.Items);
        Assert.Equal("Hello & welcome", item.Title);
        Assert.Equal(new DateTimeOffset(2004, 3, 1, 12, 0, 0, TimeSpan.Zero), item.Published);
    }
}

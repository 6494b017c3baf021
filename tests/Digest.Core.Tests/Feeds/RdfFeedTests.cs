using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

public sealed class RdfFeedTests
{
    [Fact]
    public void Reads_rss_10_items_that_are_siblings_of_the_channel()
    {
        var feed = Parse("""
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://lowland-post.example/rss">
                <title>Lowland Post</title>
                <items><rdf:Seq>
                  <rdf:li rdf:resource="https://lowland-post.example/a/dyke-repair"/>
                  <rdf:li rdf:resource="https://lowland-post.example/a/tulip-prices"/>
                </rdf:Seq></items>
              </channel>
              <item rdf:about="https://lowland-post.example/a/dyke-repair">
                <title>Dyke repair finished early</title>
                <link>https://lowland-post.example/a/dyke-repair?from=rss</link>
                <dc:date>2026-11-19T06:30:00Z</dc:date>
                <description>Engineers finished a week ahead of plan.</description>
              </item>
              <item rdf:about="https://lowland-post.example/a/tulip-prices">
                <title>Tulip bulb prices fall</title>
                <dc:date>2026-11-18</dc:date>
              </item>
            </rdf:RDF>
            """);

        Assert.Equal("Lowland Post", feed.Title);
        Assert.Equal(2, feed.Items.Count);

        Assert.Equal("https://lowland-post.example/a/dyke-repair", feed.Items[0].Guid);
        Assert.Equal(new Uri("https://lowland-post.example/a/dyke-repair?from=rss"), feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 6, 30, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Equal("Engineers finished a week ahead of plan.", feed.Items[0].Summary);

        // Without a link element the rdf:about is the link.
        Assert.Equal("Tulip bulb prices fall", feed.Items[1].Title);
        Assert.Equal(new Uri("https://lowland-post.example/a/tulip-prices"), feed.Items[1].Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
    }

    [Fact]
    public void Reads_rss_090()
    {
        var feed = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
              <channel><title>Old Wire</title><link>https://old-wire.example/</link></channel>
              <item><title>First post</title><link>/first</link></item>
            </rdf:RDF>
            """);

        Assert.Equal("Old Wire", feed.Title);
        Assert.Equal(new Uri("https://harbour-gazette.example/first"), Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Rdf_that_is_not_rss_is_a_format_error()
    {
        Assert.Throws<Digest.Core.Feeds.FeedFormatException>(() => Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="x"/></rdf:RDF>
            """));
    }
}

using System.Text;
using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

/// <summary>Format, site link, updated, author and content in every format, and the variants feeds use for them.</summary>
public sealed class FeedFieldTests
{
    [Fact]
    public void Rss2_items_have_author_updated_and_content()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
                 xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel><title>Gazette</title><link>/</link>
                <item><title>One</title><link>/1</link><dc:creator>Anna Kestrel</dc:creator><dc:creator>Corin Ashby</dc:creator>
                  <pubDate>Thu, 12 Mar 2026 06:10:00 +0000</pubDate><atom:updated>2026-03-12T09:00:00Z</atom:updated>
                  <description>Short.</description><content:encoded><![CDATA[<p>Long <b>text</b>.</p>]]></content:encoded></item>
                <item><title>Two</title><author>desk@gazette.example (Mira Tallen)</author><content:encoded>Only content</content:encoded></item>
                <item><title>Three</title><author>desk@gazette.example</author></item>
              </channel>
            </rss>
            """);

        Assert.Equal("rss2", feed.Format);
        Assert.Equal(new Uri("https://harbour-gazette.example/"), feed.Link);
        var one = feed.Items[0];
        Assert.Equal("Anna Kestrel, Corin Ashby", one.Author);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 6, 10, 0, TimeSpan.Zero), one.Published);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero), one.Updated);
        Assert.Equal("Short.", one.Summary);
        Assert.Equal("Long text.", one.Content);
        Assert.Equal("Mira Tallen", feed.Items[1].Author);
        Assert.Equal("Only content", feed.Items[1].Summary);
        Assert.Equal("desk@gazette.example", feed.Items[2].Author);
        Assert.Null(feed.Items[2].Content);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" isPermaLink=\"true\"")]
    public void A_permalink_guid_is_the_link_when_there_is_no_link(string attribute)
    {
        var feed = Parse($"""<rss version="0.92"><channel><item><title>P</title><guid{attribute}>https://gazette.example/p</guid></item></channel></rss>""");

        Assert.Equal(new Uri("https://gazette.example/p"), feed.Items[0].Link);
        Assert.Equal("https://gazette.example/p", feed.Items[0].Guid);
    }

    [Fact]
    public void Rss1_items_have_format_site_link_and_creator()
    {
        var feed = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
              <channel rdf:about="https://kalder.example/index.rdf"><title>Kalder</title><link>https://kalder.example/</link></channel>
              <item rdf:about="https://kalder.example/a/1"><title>Rail</title><dc:creator>Renée Fässler</dc:creator>
                <dc:date>2026-03-12T08:30:00+01:00</dc:date><dcterms:modified>2026-03-12T10:00:00+01:00</dcterms:modified></item>
            </rdf:RDF>
            """);

        Assert.Equal("rss1", feed.Format);
        Assert.Equal(new Uri("https://kalder.example/"), feed.Link);
        Assert.Equal("Renée Fässler", feed.Items[0].Author);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(1)), feed.Items[0].Updated);
    }

    [Fact]
    public void Atom_entries_have_updated_author_inherited_from_the_feed_and_content()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><link href="https://courier.example/"/>
              <link rel="self" href="https://courier.example/atom.xml"/>
              <author><name>Courier Desk</name></author>
              <entry><id>e1</id><title>Own author</title><author><name>Mira Tallen</name></author>
                <published>2026-03-12T16:55:00+01:00</published><updated>2026-03-12T17:30:00+01:00</updated>
                <content type="html">&lt;p&gt;Full &lt;i&gt;story&lt;/i&gt;&lt;/p&gt;</content></entry>
              <entry><id>e2</id><title>Inherited</title><updated>2026-03-11T10:00:00Z</updated></entry>
            </feed>
            """);

        Assert.Equal("atom", feed.Format);
        Assert.Equal(new Uri("https://courier.example/"), feed.Link);
        Assert.Equal("Mira Tallen", feed.Items[0].Author);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 30, 0, TimeSpan.FromHours(1)), feed.Items[0].Updated);
        Assert.Equal("Full story", feed.Items[0].Content);
        Assert.Equal("Full story", feed.Items[0].Summary);
        Assert.Equal("Courier Desk", feed.Items[1].Author);
        Assert.Equal(feed.Items[1].Updated, feed.Items[1].Published);
    }

    [Fact]
    public void Atom_03_base64_content_is_decoded()
    {
        var html = Convert.ToBase64String(Encoding.UTF8.GetBytes("<p>Décodé <b>en</b> base64</p>"));
        var feed = Parse($"""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
              <entry><id>o1</id><title>B64</title><content type="text/html" mode="base64">{html[..10]}
                {html[10..]}</content></entry>
            </feed>
            """);

        Assert.Equal("Décodé en base64", feed.Items[0].Content);
    }

    [Fact]
    public void Atom_10_content_of_a_binary_media_type_is_base64()
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("Plain words, base64 encoded."));
        var binary = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]);
        var feed = Parse($"""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
              <entry><id>a</id><title>Text</title><content type="application/octet-stream">{text}</content></entry>
              <entry><id>b</id><title>Image</title><content type="image/png">{binary}</content></entry>
              <entry><id>c</id><title>Broken</title><content type="application/octet-stream">not base64 at all!</content></entry>
            </feed>
            """);

        Assert.Equal("Plain words, base64 encoded.", feed.Items[0].Content);
        Assert.Null(feed.Items[1].Content);
        Assert.Null(feed.Items[2].Content);
    }

    [Fact]
    public void Json_feed_items_have_updated_authors_and_content()
    {
        var feed = Parse("""
            {"version":"https://jsonfeed.org/version/1.1","title":"Ledger","home_page_url":"https://ledger.example/",
             "authors":[{"name":"Ledger Staff"}],
             "items":[
               {"id":"1","title":"A","date_published":"2026-03-12T17:40:00+01:00","date_modified":"2026-03-12T18:00:00+01:00",
                "authors":[{"name":"Ines Calder"},{"name":"Samuel Orr"}],"summary":"S","content_html":"<p>Full</p>"},
               {"id":"2","title":"B","author":{"name":"Old Style"},"content_text":"Plain"},
               {"id":"3","title":"C"}
             ]}
            """);

        Assert.Equal("jsonfeed", feed.Format);
        Assert.Equal(new Uri("https://ledger.example/"), feed.Link);
        Assert.Equal("Ines Calder, Samuel Orr", feed.Items[0].Author);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 18, 0, 0, TimeSpan.FromHours(1)), feed.Items[0].Updated);
        Assert.Equal("Full", feed.Items[0].Content);
        Assert.Equal("S", feed.Items[0].Summary);
        Assert.Equal("Old Style", feed.Items[1].Author);
        Assert.Equal("Plain", feed.Items[1].Content);
        Assert.Equal("Ledger Staff", feed.Items[2].Author);
    }

    [Fact]
    public void Control_characters_and_bidi_overrides_are_removed_from_every_text_field()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
              <title>Ga&#x1B;[31mzette&#x7;</title>
              <item><title>Inv&#x202E;oice&#x9B;</title><dc:creator>An&#x0;na&#x2066;</dc:creator>
                <description>Sum&#x202D;mary&#x1;</description><content:encoded>Con&#x85;tent&#x8;</content:encoded></item>
            </channel></rss>
            """);

        Assert.Equal("Ga[31mzette", feed.Title);
        var item = feed.Items[0];
        Assert.Equal("Invoice", item.Title);
        Assert.Equal("Anna", item.Author);
        Assert.Equal("Summary", item.Summary);
        Assert.Equal("Con tent", item.Content);
    }

    [Fact]
    public void Item_identity_keys_are_unchanged_by_the_new_fields()
    {
        var withFields = new FeedItem(null, new Uri("https://a.example/x?utm_source=rss"), "T", null, null, DateTimeOffset.UnixEpoch, "A", "C");
        var without = new FeedItem(null, new Uri("https://a.example/x?utm_source=rss"), "T", null, null);

        Assert.Equal(ItemIdentity.Key(without), ItemIdentity.Key(withFields));
        Assert.Equal("link:https://a.example/x", ItemIdentity.Key(withFields));
    }
}

using System.Security.Cryptography;
using System.Text;
using Digest.Core.Feeds;

namespace Digest.Core.Tests.Feeds;

public sealed class ItemIdentityTests
{
    private static FeedItem Item(string? guid = null, string? link = null, string? title = null, DateTimeOffset? published = null)
        => new(guid, link is null ? null : new Uri(link), title, published, Summary: null);

    [Fact]
    public void A_guid_wins_over_everything_and_is_trimmed()
    {
        var key = ItemIdentity.Key(Item(guid: "  hg-0042 \n", link: "https://a.example/x", title: "T"));
        Assert.Equal("guid:hg-0042", key);
    }

    [Fact]
    public void Guids_are_case_sensitive()
    {
        Assert.NotEqual(ItemIdentity.Key(Item(guid: "ABC")), ItemIdentity.Key(Item(guid: "abc")));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_blank_guid_falls_back_to_the_link(string? guid)
    {
        Assert.Equal("link:https://a.example/x", ItemIdentity.Key(Item(guid: guid, link: "https://a.example/x", title: "T")));
    }

    [Theory]
    [InlineData("HTTPS://News.Example.ORG/Path/Story", "https://news.example.org/Path/Story")]
    [InlineData("https://news.example.org:443/a", "https://news.example.org/a")]
    [InlineData("http://news.example.org:80/a", "http://news.example.org/a")]
    [InlineData("https://news.example.org:8443/a", "https://news.example.org:8443/a")]
    [InlineData("https://news.example.org/a#comments", "https://news.example.org/a")]
    [InlineData("https://news.example.org/a?utm_source=rss&utm_medium=feed", "https://news.example.org/a")]
    [InlineData("https://news.example.org/a?id=7&utm_campaign=x&page=2&fbclid=abc&gclid=def", "https://news.example.org/a?id=7&page=2")]
    [InlineData("https://news.example.org/a?UTM_Source=x&b=2&a=1", "https://news.example.org/a?b=2&a=1")]
    [InlineData("https://news.example.org/a?", "https://news.example.org/a")]
    [InlineData("https://news.example.org/a?q=caf%C3%A9&utm_term=z", "https://news.example.org/a?q=caf%C3%A9")]
    [InlineData("https://news.example.org/a?utmost=1", "https://news.example.org/a?utmost=1")]
    [InlineData("file:///srv/samples/a.html", "file:///srv/samples/a.html")]
    public void Canonical_links(string link, string expected)
    {
        Assert.Equal(expected, ItemIdentity.CanonicalLink(new Uri(link)));
        Assert.Equal("link:" + expected, ItemIdentity.Key(Item(link: link)));
    }

    [Fact]
    public void Links_differing_only_in_tracking_are_the_same_item()
    {
        var fromRss = Item(link: "https://news.example.org/story?id=3&utm_source=rss#top");
        var fromSocial = Item(link: "HTTPS://NEWS.example.org:443/story?fbclid=zz&id=3");

        Assert.Equal(ItemIdentity.Key(fromRss), ItemIdentity.Key(fromSocial));
        Assert.Equal(ItemIdentity.ArticleId("harbour-gazette", fromRss), ItemIdentity.ArticleId("harbour-gazette", fromSocial));
    }

    [Fact]
    public void Without_guid_and_link_the_key_hashes_title_and_utc_date()
    {
        var published = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.FromHours(2));
        var key = ItemIdentity.Key(Item(title: "Ferry strike ends", published: published));

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Ferry strike ends\n2026-11-21T07:30:00Z")));
        Assert.Equal("hash:" + expected, key);

        // The same instant in another offset is the same item.
        Assert.Equal(key, ItemIdentity.Key(Item(title: "Ferry strike ends", published: published.ToUniversalTime())));
    }

    [Fact]
    public void Without_a_date_the_hash_uses_an_empty_date()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Only a title\n")));
        Assert.Equal("hash:" + expected, ItemIdentity.Key(Item(title: "Only a title")));
    }

    [Fact]
    public void Article_id_is_16_hex_of_sha256_of_source_and_key()
    {
        var item = Item(guid: "hg-0042");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("harbour-gazette\nguid:hg-0042")))[..16];

        Assert.Equal(expected, ItemIdentity.ArticleId("harbour-gazette", item));
        Assert.Matches("^[0-9a-f]{16}$", ItemIdentity.ArticleId("harbour-gazette", item));
        Assert.NotEqual(ItemIdentity.ArticleId("harbour-gazette", item), ItemIdentity.ArticleId("valdmoor-courier", item));
    }

    [Fact]
    public void Article_id_is_pinned_so_that_an_accidental_rule_change_fails_loudly()
    {
        // Stored blobs are named by these ids; this literal must only change together with a data migration.
        // Computed outside .NET: python3 -c "import hashlib; print(hashlib.sha256(b'harbour-gazette\nguid:hg-0042').hexdigest()[:16])"
        Assert.Equal("fad73924f07be992", ItemIdentity.ArticleId("harbour-gazette", Item(guid: "hg-0042")));
    }

    [Theory]
    [InlineData("Harbour Gazette", "harbour-gazette")]
    [InlineData("  The  Valdmoor Courier (Evening) ", "the-valdmoor-courier-evening")]
    [InlineData("Süddeutsche Bäckerblatt", "suddeutsche-backerblatt")]
    [InlineData("Radio 24/7 -- News!", "radio-24-7-news")]
    [InlineData("Élan Économique", "elan-economique")]
    [InlineData("Forty chars exactly padded abcdefghijklm", "forty-chars-exactly-padded-abcdefghijklm")]
    public void Source_id_is_a_slug_of_the_name(string name, string expected)
    {
        var id = ItemIdentity.SourceId(name, new Uri("https://ignored.example/feed"));

        Assert.Equal(expected, id);
        Assert.True(id.Length <= ItemIdentity.MaxSourceIdLength);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id);
    }

    [Fact]
    public void Source_id_of_a_name_without_latin_letters_uses_the_url_then_a_hash()
    {
        Assert.Equal("news-example-jp-rss", ItemIdentity.SourceId("日本ニュース", new Uri("https://news.example.jp/rss")));
        Assert.Matches("^source-[0-9a-f]{8}$", ItemIdentity.SourceId("日本ニュース"));
        Assert.Equal(ItemIdentity.SourceId("日本ニュース"), ItemIdentity.SourceId("日本ニュース"));
    }

    [Fact]
    public void Source_ids_of_long_names_sharing_their_first_forty_characters_differ()
    {
        // Regression: both names used to be cut to the same 40 characters and shared one state file and id space.
        var first = ItemIdentity.SourceId("The Northern Provinces Evening Chronicle and Advertiser (Morning)");
        var second = ItemIdentity.SourceId("The Northern Provinces Evening Chronicle and Advertiser (Evening)");

        Assert.NotEqual(first, second);
        Assert.Matches("^the-northern-provinces-evening-[0-9a-f]{8}$", first);
        Assert.True(first.Length <= ItemIdentity.MaxSourceIdLength);
        Assert.Equal(first, ItemIdentity.SourceId("The Northern Provinces Evening Chronicle and Advertiser (Morning)"));
    }

    [Fact]
    public void Renaming_a_source_changes_its_id()
    {
        Assert.NotEqual(ItemIdentity.SourceId("Harbour Gazette"), ItemIdentity.SourceId("The Harbour Gazette"));
    }
}

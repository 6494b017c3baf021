using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

public sealed class JsonFeedTests
{
    [Fact]
    public void Reads_json_feed_11()
    {
        var feed = Parse("""
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "Eastfield Daily",
              "home_page_url": "https://eastfield.example/",
              "items": [
                {
                  "id": "ed-2026-311",
                  "url": "/stories/library-extension",
                  "title": "  Library extension <approved>  ",
                  "date_published": "2026-11-21T09:12:33.250-05:00",
                  "date_modified": "2026-11-21T11:00:00-05:00",
                  "summary": "The council voted 7 to 2.",
                  "content_text": "Long text."
                },
                {
                  "id": 42,
                  "external_url": "https://elsewhere.example/report",
                  "title": "Linked report",
                  "date_modified": "2026-11-20T08:00:00Z",
                  "content_html": "<p>Read <em>this</em>.</p>"
                },
                { "content_text": "No id, url or title: skipped." }
              ]
            }
            """, new Uri("https://eastfield.example/feed.json"));

        Assert.Equal("Eastfield Daily", feed.Title);
        Assert.Equal(2, feed.Items.Count);

        var first = feed.Items[0];
        Assert.Equal("ed-2026-311", first.Guid);
        Assert.Equal(new Uri("https://eastfield.example/stories/library-extension"), first.Link);
        Assert.Equal("Library extension <approved>", first.Title);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 12, 33, 250, TimeSpan.FromHours(-5)), first.Published);
        Assert.Equal("The council voted 7 to 2.", first.Summary);

        var second = feed.Items[1];
        Assert.Equal("42", second.Guid);
        Assert.Equal(new Uri("https://elsewhere.example/report"), second.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), second.Published);
        Assert.Equal("Read this.", second.Summary);
    }

    [Fact]
    public void Reads_json_feed_10_with_a_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("""
            {"version":"https://jsonfeed.org/version/1","title":"Südstadt","items":[{"id":"1","content_text":"x","title":"Öffnung"}]}
            """)).ToArray();

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("Südstadt", feed.Title);
        Assert.Equal("Öffnung", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Json_that_is_not_a_feed_is_a_format_error()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("""{"name":"not a feed"}"""));
        Assert.Contains("not a JSON Feed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_reports_line_and_position()
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [ { \"id\": } ]\n}"));

        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }
}

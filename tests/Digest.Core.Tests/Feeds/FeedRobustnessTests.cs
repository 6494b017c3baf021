using System.Diagnostics;
using System.Text;
using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

/// <summary>
/// Malformed input of any kind is one <see cref="FeedFormatException"/> or a feed, never another exception: mutations
/// (truncations, byte flips, insertions, deletions) of seed feeds in every format, with a fixed random seed so a
/// failure is reproducible.
/// </summary>
public sealed class FeedRobustnessTests
{
    private const int MutationsPerSeed = 400;

    private static readonly string[] Seeds =
    [
        """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE rss [ <!ENTITY paper "Gazette"> ]>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
             xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel xml:base="https://gazette.example/news/"><title>&paper; &amp; Co</title><link>/</link>
            <item><title>Caf&eacute; &lt;b&gt;opens&lt;/b&gt;</title><link>a/1.html</link><guid isPermaLink="true">https://gazette.example/1</guid>
              <pubDate>Thu, 12 Mar 2026 06:10:00 +0000</pubDate><dc:creator>Anna</dc:creator><atom:updated>2026-03-12T09:00:00Z</atom:updated>
              <description><![CDATA[<p>Short <i>text</i></p>]]></description><content:encoded>&lt;p&gt;Long&lt;/p&gt;</content:encoded></item>
          </channel>
        </rss>
        """,
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://courier.example/"><title type="html">Courier &lt;i&gt;x&lt;/i&gt;</title>
          <author><name>Desk</name></author><link href="/"/>
          <entry><id>tag:courier.example,2026:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Deal <b>ends</b></div></title>
            <link rel="alternate" type="text/html" href="a/1.html"/><published>2026-03-12T16:55:00+01:00</published>
            <updated>2026-03-12T17:00:00+01:00</updated><summary>Sum</summary>
            <content type="application/octet-stream">UGxhaW4gd29yZHM=</content></entry>
        </feed>
        """,
        """
        {"version":"https://jsonfeed.org/version/1.1","title":"Ledger \u00e9","home_page_url":"https://ledger.example/",
         "authors":[{"name":"Staff"}],"items":[{"id":"1","url":"a/1.html","title":"A","date_published":"2026-03-12T17:40:00+01:00",
         "date_modified":"2026-03-12T18:00:00+01:00","summary":"S","content_html":"<p>Full</p>"},{"id":2,"external_url":"https://x.example/"}]}
        """,
        """
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://kalder.example/index.rdf"><title>Kalder</title><link>https://kalder.example/</link></channel>
          <item rdf:about="https://kalder.example/a/1"><title>Rail</title><link>a/1.html</link><dc:date>2026-03-12T08:30:00+01:00</dc:date></item>
        </rdf:RDF>
        """,
    ];

    private static readonly byte[] Interesting = [(byte)'<', (byte)'>', (byte)'&', (byte)';', (byte)'"', (byte)'{', (byte)'[', (byte)'%', 0x00, 0xFF, 0xFE, 0xC3, 0x80, (byte)'\\'];

    public static TheoryData<int> SeedIndexes => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(SeedIndexes))]
    public void Mutated_feeds_give_a_feed_or_a_format_exception(int seedIndex)
    {
        var seed = Encoding.UTF8.GetBytes(Seeds[seedIndex]);
        var utf16 = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Seeds[seedIndex])).ToArray();
        var random = new Random(20260312 + seedIndex);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutant = Mutate(i % 5 == 4 ? utf16 : seed, random);
            AssertFeedOrFormatError(mutant, $"seed {seedIndex}, mutation {i}");
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{MutationsPerSeed} mutants took {clock.Elapsed}");
    }

    [Fact]
    public void Every_truncation_of_every_seed_gives_a_feed_or_a_format_exception()
    {
        foreach (var text in Seeds)
        {
            var seed = Encoding.UTF8.GetBytes(text);
            for (var length = 0; length < seed.Length; length += 3)
            {
                AssertFeedOrFormatError(seed[..length], $"truncated to {length}");
            }
        }
    }

    [Theory]
    [InlineData("""{"version":"https://jsonfeed.org/version/1.1","title":"\ud800 lone","items":[{"id":"\udfff","title":"x"}]}""")]
    [InlineData("""{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","date_published":"٢٠٢٦-03-12T10:00:00Z"}]}""")]
    [InlineData("""<rss version="2.0"><channel><item><title>x</title><pubDate>١٢ Mar ٢٠٢٦ 10:00:00 GMT</pubDate></item></channel></rss>""")]
    [InlineData("""<rss version="2.0"><channel><item><title>x</title><link>https://[::1</link><guid>http://</guid></item></channel></rss>""")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><entry xml:base="::::"><id>https:</id><title>x</title><link href="http://a.example:99999/"/></entry></feed>""")]
    [InlineData("""<rss version="2.0"><channel><title>a&#0;b&#xFFFF;</title></channel></rss>""")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><content type="text/html" mode="base64">====</content></entry></feed>""")]
    public void Odd_values_are_read_or_refused_cleanly(string document)
    {
        AssertFeedOrFormatError(Encoding.UTF8.GetBytes(document), document);
    }

    [Fact]
    public void Dates_in_other_scripts_digits_are_no_dates()
    {
        Assert.Null(FeedDateParser.Parse("٢٠٢٦-03-12T10:00:00Z"));
        Assert.Null(FeedDateParser.Parse("١٢ Mar 2026 10:00:00 GMT"));
    }

    private static void AssertFeedOrFormatError(byte[] document, string what)
    {
        try
        {
            var feed = FeedParser.Parse(document, FeedUri);
            Assert.All(feed.Items, item => Assert.True(item.Link is null || item.Link.Scheme is "http" or "https", what));
        }
        catch (FeedFormatException error)
        {
            Assert.Contains(FeedUri.AbsoluteUri, error.Message, StringComparison.Ordinal);

            // The catch-all in FeedParser is the last line of defence; the readers themselves should never need it.
            Assert.False(error.Message.Contains("could not be read:", StringComparison.Ordinal), $"{what}: {error}");
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes.RemoveRange(at, bytes.Count - at); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 3: bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at)); break;
                default: bytes[at] ^= (byte)(1 << random.Next(8)); break;
            }
        }

        return [.. bytes];
    }
}

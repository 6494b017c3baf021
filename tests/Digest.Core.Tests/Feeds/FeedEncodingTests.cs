using System.Text;
using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

/// <summary>Feeds in every encoding they are served in: Unicode with and without marks, legacy charsets, broken bytes.</summary>
public sealed class FeedEncodingTests
{
    private static readonly Encoding CodePages1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static string Rss(string declaration, string title)
        => $"""{declaration}<rss version="2.0"><channel><title>{title}</title><item><title>{title}</title><link>https://a.example/1</link></item></channel></rss>""";

    public static TheoryData<string, bool, bool> UnicodeEncodings => new()
    {
        // encoding name, byte-order mark, XML declaration
        { "utf-16LE", true, true }, { "utf-16LE", false, true }, { "utf-16LE", true, false },
        { "utf-16BE", true, true }, { "utf-16BE", false, true }, { "utf-16BE", true, false },
        { "utf-32LE", true, true }, { "utf-32LE", false, true }, { "utf-32LE", false, false },
        { "utf-32BE", true, true }, { "utf-32BE", false, true }, { "utf-32BE", true, false },
    };

    [Theory]
    [MemberData(nameof(UnicodeEncodings))]
    public void Reads_utf16_and_utf32_with_or_without_a_byte_order_mark(string encodingName, bool bom, bool declaration)
    {
        var encoding = encodingName switch
        {
            "utf-16LE" => new UnicodeEncoding(false, false),
            "utf-16BE" => new UnicodeEncoding(true, false),
            "utf-32LE" => new UTF32Encoding(false, false),
            _ => (Encoding)new UTF32Encoding(true, false),
        };
        var preamble = new UnicodeEncoding(encoding is UnicodeEncoding { CodePage: 1201 }, true).GetPreamble();
        var mark = encoding switch
        {
            UnicodeEncoding u => u.CodePage == 1201 ? new byte[] { 0xFE, 0xFF } : [0xFF, 0xFE],
            _ => encoding.CodePage == 12001 ? new byte[] { 0, 0, 0xFE, 0xFF } : [0xFF, 0xFE, 0, 0],
        };
        Assert.NotNull(preamble);
        var text = Rss(declaration ? $"""<?xml version="1.0" encoding="{encodingName[..6].ToUpperInvariant()}"?>""" : "", "Örebro – Snö 🌨");
        var bytes = (bom ? mark : []).Concat(encoding.GetBytes(text)).ToArray();

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("Örebro – Snö 🌨", feed.Title);
        Assert.Equal("Örebro – Snö 🌨", feed.Items[0].Title);
        Assert.Empty(feed.Warnings);
    }

    [Theory]
    [InlineData("windows-1252", "Caf\u00e9 \u201cQuoted\u201d \u20ac5")]
    [InlineData("ISO-8859-1", "Gr\u00fc\u00dfe aus K\u00f6ln")]
    [InlineData("ISO-8859-2", "\u0141\u00f3d\u017a, Krak\u00f3w")]
    [InlineData("KOI8-R", "\u041c\u043e\u0441\u043a\u0432\u0430 \u043d\u043e\u0432\u043e\u0441\u0442\u0438")]
    [InlineData("Shift_JIS", "\u6771\u4eac\u306e\u30cb\u30e5\u30fc\u30b9")]
    public void Reads_legacy_charsets_named_in_the_xml_declaration(string charset, string title)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(charset) ?? Encoding.GetEncoding(charset);
        var bytes = encoding.GetBytes(Rss($"""<?xml version="1.0" encoding="{charset}"?>""", title));

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal(title, feed.Title);
        Assert.Equal(title, feed.Items[0].Title);
    }

    [Fact]
    public void Rss_091_with_a_doctype_in_windows_1252_and_undeclared_entities()
    {
        var bytes = CodePages1252.GetBytes("""
            <?xml version="1.0" encoding="windows-1252"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Caf&eacute; “Courier”</title><link>https://courier.example/</link>
              <item><title>Mill&nbsp;reopens – €5</title><link>https://courier.example/mill</link><description>Good news</description></item>
            </channel></rss>
            """);

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("rss2", feed.Format);
        Assert.Equal("Café “Courier”", feed.Title);
        Assert.Equal("Mill reopens – €5", feed.Items[0].Title);
        Assert.Equal(new Uri("https://courier.example/"), feed.Link);
    }

    [Fact]
    public void Invalid_utf8_in_xml_is_replaced_and_reported()
    {
        var bytes = Encoding.UTF8.GetBytes(Rss("""<?xml version="1.0" encoding="utf-8"?>""", "Caf_ au lait"));
        bytes[Array.IndexOf(bytes, (byte)'_')] = 0xE9; // a Latin-1 byte in a "UTF-8" feed

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("Caf\uFFFD au lait", feed.Title);
        Assert.Contains("U+FFFD", Assert.Single(feed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_inside_a_json_feed_string_is_replaced_and_reported()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"version":"https://jsonfeed.org/version/1.1","title":"Caf_","items":[{"id":"1","title":"a_b"}]}""");
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'_')
            {
                bytes[i] = 0xFF;
            }
        }

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("Caf\uFFFD", feed.Title);
        Assert.Equal("a\uFFFDb", feed.Items[0].Title);
        Assert.Single(feed.Warnings);
    }

    [Fact]
    public void Reads_a_json_feed_in_utf16_with_a_byte_order_mark()
    {
        var json = """{"version":"https://jsonfeed.org/version/1.1","title":"Südstadt","items":[{"id":"1","title":"Öffnung"}]}""";
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(json)).ToArray();

        var feed = FeedParser.Parse(bytes, FeedUri);

        Assert.Equal("jsonfeed", feed.Format);
        Assert.Equal("Öffnung", feed.Items[0].Title);
    }

    [Fact]
    public void An_unknown_declared_encoding_is_read_as_utf8_with_a_warning()
    {
        var feed = Parse(Rss("""<?xml version="1.0" encoding="x-no-such-charset"?>""", "Zürich"));

        Assert.Equal("Zürich", feed.Title);
        Assert.Contains("x-no-such-charset", Assert.Single(feed.Warnings), StringComparison.Ordinal);
    }
}

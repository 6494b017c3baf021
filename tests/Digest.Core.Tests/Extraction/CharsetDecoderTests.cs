using System.Text;
using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

public class CharsetDecoderTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private static readonly Encoding Iso88592 = CodePagesEncodingProvider.Instance.GetEncoding("iso-8859-2")!;

    [Fact]
    public void Utf8_byte_order_mark_wins_over_a_conflicting_declaration()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("<meta charset=\"windows-1252\"><p>Café</p>")).ToArray();

        var page = CharsetDecoder.Decode(bytes, "text/html; charset=iso-8859-2");

        Assert.Contains("<p>Café</p>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFEFF', page.Html);
    }

    [Fact]
    public void Utf16_byte_order_mark_is_honoured()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<p>Zürich</p>")).ToArray();

        Assert.Equal("<p>Zürich</p>", CharsetDecoder.Decode(bytes, null).Html);
    }

    [Fact]
    public void Content_type_header_wins_over_meta_charset()
    {
        var bytes = Iso88592.GetBytes("<meta charset=\"utf-8\"><p>Łódź, Kraków</p>");

        Assert.Contains("Łódź, Kraków", CharsetDecoder.Decode(bytes, "text/html; charset=ISO-8859-2").Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_charset_is_used_without_a_header()
    {
        var bytes = Windows1252.GetBytes("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><p>“Quoted” – €5</p>");

        Assert.Contains("“Quoted” – €5", CharsetDecoder.Decode(bytes, null).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1_label_means_windows_1252_as_browsers_do()
    {
        var bytes = Windows1252.GetBytes("<p>€ “x”</p>");

        Assert.Equal("<p>€ “x”</p>", CharsetDecoder.Decode(bytes, "text/html; charset=iso-8859-1").Html);
    }

    [Fact]
    public void Undeclared_valid_utf8_is_decoded_as_utf8()
    {
        Assert.Equal("<p>Übergrößenträger</p>", CharsetDecoder.Decode(Encoding.UTF8.GetBytes("<p>Übergrößenträger</p>"), null).Html);
    }

    [Fact]
    public void Undeclared_invalid_utf8_falls_back_to_windows_1252()
    {
        Assert.Equal("<p>Café</p>", CharsetDecoder.Decode(Windows1252.GetBytes("<p>Café</p>"), "text/html").Html);
    }

    [Fact]
    public void Unknown_charset_label_falls_through_to_the_next_source()
    {
        Assert.Equal("<p>Café</p>", CharsetDecoder.Decode(Encoding.UTF8.GetBytes("<p>Café</p>"), "text/html; charset=x-no-such-thing").Html);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A })]
    [InlineData(new byte[] { 0x3C, 0x70, 0x3E, 0x00, 0x01, 0x02 })]
    public void Binary_content_is_recognized(byte[] bytes)
    {
        Assert.True(CharsetDecoder.Decode(bytes, "text/html").LooksBinary);
    }

    [Fact]
    public void Charset_parameter_is_read_from_content_type()
    {
        Assert.Equal("Shift_JIS", CharsetDecoder.CharsetOf("text/html; charset=\"Shift_JIS\""));
        Assert.Null(CharsetDecoder.CharsetOf("text/html"));
    }
}

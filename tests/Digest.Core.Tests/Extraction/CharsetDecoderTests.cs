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

    // ---- Labels that must not be believed: the bytes visibly hold ASCII markup the label would not decode to. ----

    private static string AsciiPage(string label) => $"<!DOCTYPE html><html><head><meta charset=\"{label}\"><title>Scores</title></head><body><p>Final score 3+2-1, café</p></body></html>";

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("csUnicode11UTF7")]
    public void Utf7_in_a_meta_tag_is_ignored(string label)
    {
        var page = CharsetDecoder.Decode(Encoding.UTF8.GetBytes(AsciiPage(label)), null);

        Assert.Contains("<p>Final score 3+2-1, café</p>", page.Html, StringComparison.Ordinal);
        Assert.Equal("utf-8", page.EncodingName);
    }

    [Fact]
    public void Utf7_in_the_content_type_header_falls_back_to_the_meta_tag()
    {
        var bytes = Windows1252.GetBytes(AsciiPage("windows-1252"));

        var page = CharsetDecoder.Decode(bytes, "text/html; charset=utf-7");

        Assert.Contains("3+2-1, café", page.Html, StringComparison.Ordinal);
        Assert.Equal("windows-1252", page.EncodingName);
    }

    [Theory]
    [InlineData("IBM037")]
    [InlineData("ibm500")]
    [InlineData("cp1026")]
    [InlineData("ibm273")]
    public void Ebcdic_label_on_an_ascii_page_is_ignored(string label)
    {
        var page = CharsetDecoder.Decode(Encoding.UTF8.GetBytes(AsciiPage(label)), null);

        Assert.Contains("<p>Final score 3+2-1, café</p>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ebcdic_content_type_on_an_ascii_page_falls_back_to_the_meta_tag()
    {
        var bytes = Iso88592.GetBytes(AsciiPage("iso-8859-2").Replace("café", "Łódź", StringComparison.Ordinal));

        var page = CharsetDecoder.Decode(bytes, "text/html; charset=IBM037");

        Assert.Contains("3+2-1, Łódź", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_really_written_in_ebcdic_is_decoded_with_its_declared_header()
    {
        // Nothing in these bytes reads as ASCII markup, so nothing contradicts the label.
        var ebcdic = CodePagesEncodingProvider.Instance.GetEncoding("IBM037")!;
        var bytes = ebcdic.GetBytes("<html><body><p>Mainframe news</p></body></html>");

        Assert.Equal("<html><body><p>Mainframe news</p></body></html>", CharsetDecoder.Decode(bytes, "text/html; charset=IBM037").Html);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32")]
    [InlineData("utf-32be")]
    public void Utf16_or_utf32_declared_in_a_meta_tag_of_an_ascii_page_is_ignored(string label)
    {
        var page = CharsetDecoder.Decode(Encoding.UTF8.GetBytes(AsciiPage(label)), null);

        Assert.Contains("<p>Final score 3+2-1, café</p>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_content_type_on_an_ascii_page_falls_back_to_detection()
    {
        var bytes = Windows1252.GetBytes("<html><body><p>Café “quoted”</p></body></html>");

        Assert.Contains("<p>Café “quoted”</p>", CharsetDecoder.Decode(bytes, "text/html; charset=utf-16").Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Hz_gb_2312_shift_sequences_make_the_label_unbelievable_on_an_ascii_page()
    {
        var html = "<html><head><meta charset=\"hz-gb-2312\"></head><body><p>Range ~{1,2~} and café</p></body></html>";

        Assert.Contains("<p>Range ~{1,2~} and café</p>", CharsetDecoder.Decode(Encoding.UTF8.GetBytes(html), null).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ascii_compatible_legacy_labels_are_still_believed()
    {
        var ascii = CharsetDecoder.AsciiMarkupSample(Encoding.ASCII.GetBytes("\n  <html lang=\"ru\">"));

        Assert.Equal("<html lang=\"ru\">", Encoding.ASCII.GetString(ascii));
        foreach (var label in new[] { "windows-1251", "koi8-r", "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr", "iso-8859-7", "iso-2022-jp" })
        {
            Assert.True(CharsetDecoder.IsBelievable(CharsetDecoder.FromLabel(label)!, ascii), label);
        }
    }

    public static TheoryData<string?, byte[]> OddInputs()
    {
        var data = new TheoryData<string?, byte[]>();
        var random = new Random(7);
        var labels = new[] { "utf-7", "x-user-defined", "replacement", "cp949", "unicode-1-1-utf-7", "utf-32be", "IBM037", "hz-gb-2312", "iso-2022-kr", "x-no-such", "\"\"", "%%", "utf-16" };
        foreach (var label in labels)
        {
            var noise = new byte[512];
            random.NextBytes(noise);
            for (var i = 0; i < noise.Length; i++)
            {
                noise[i] = noise[i] == 0 ? (byte)0x2B : noise[i];
            }

            data.Add("text/html; charset=" + label, [.. Encoding.ASCII.GetBytes($"<meta charset={label}>"), .. noise]);
            data.Add(null, Encoding.ASCII.GetBytes($"<html><meta charset=\"{label}\"><p>+AGEAYgBj- x</p>"));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Decoding_never_throws_whatever_the_label_says(string? contentType, byte[] bytes)
    {
        var page = CharsetDecoder.Decode(bytes, contentType);

        Assert.NotNull(page.Html);
    }

    [Fact]
    public void A_utf7_page_goes_through_the_whole_extractor()
    {
        var html = "<html><head><meta charset=\"utf-7\"><title>Ferry +AGE- times</title></head><body><article>"
            + string.Concat(ExtractorTestHelper.Story.Select(p => "<p>" + p + " +ACI-</p>")) + "</article></body></html>";

        var article = ExtractorTestHelper.Extract(html);

        Assert.True(article.IsArticle);
        Assert.Equal("Ferry +AGE- times", article.Title);
        Assert.Contains("+ACI-", article.Text, StringComparison.Ordinal);
    }
}

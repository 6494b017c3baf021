using System.Text;
using System.Text.RegularExpressions;
using Digest.Core.Extraction;

namespace Digest.Core.Feeds;

/// <summary>A feed document as text, the encoding it was read in, and whether invalid bytes had to be replaced.</summary>
internal readonly record struct DecodedFeed(string Text, string EncodingName, bool Replaced);

/// <summary>
/// Turns the bytes of a feed into text before any parser sees them, so that every format gets the same encodings:
/// a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); else the NUL-byte pattern of UTF-16/32 without a mark
/// (XML 1.0 appendix F); else the encoding the XML declaration names, legacy ones included (windows-1252,
/// ISO-8859-x, KOI8-R, Shift_JIS, ... through <see cref="CharsetDecoder.FromLabel"/>, which uses the code-pages
/// provider without registering it process-wide); else UTF-8.
/// <para>
/// Bytes that are invalid in the chosen encoding become U+FFFD and the feed gets a warning, rather than the whole
/// feed failing: a stray Latin-1 byte in a "UTF-8" feed is common and costs one character, not the outlet's day.
/// </para>
/// </summary>
internal static partial class FeedDecoding
{
    private const int DeclarationScanBytes = 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
    private static readonly Encoding Utf32Le = new UTF32Encoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Utf32Be = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    public static DecodedFeed Decode(ReadOnlySpan<byte> content, FeedContext context)
    {
        var (encoding, bomLength) = FromByteOrderMark(content);
        encoding ??= FromNulPattern(content);
        if (encoding is null)
        {
            var label = DeclaredEncoding(content);
            encoding = label is null ? Utf8 : FromDeclaration(label, context);
        }

        var body = content[bomLength..];
        try
        {
            return new DecodedFeed(Strict(encoding).GetString(body), encoding.WebName, Replaced: false);
        }
        catch (DecoderFallbackException)
        {
            context.Warn($"feed: bytes that are invalid in {encoding.WebName} were replaced by U+FFFD.");
            return new DecodedFeed(Lenient(encoding).GetString(body), encoding.WebName, Replaced: true);
        }
    }

    private static (Encoding? Encoding, int Length) FromByteOrderMark(ReadOnlySpan<byte> content) => content switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Utf8, 3),
        // UTF-32 LE first: its mark begins with the UTF-16 LE one.
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Utf32Le, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (Utf32Be, 4),
        [0xFE, 0xFF, ..] => (Utf16Be, 2),
        [0xFF, 0xFE, ..] => (Utf16Le, 2),
        _ => (null, 0),
    };

    /// <summary>An XML or JSON document starts with an ASCII character, whose NUL padding shows the encoding.</summary>
    private static Encoding? FromNulPattern(ReadOnlySpan<byte> content) => content switch
    {
        [not 0, 0x00, 0x00, 0x00, ..] => Utf32Le,
        [0x00, 0x00, 0x00, not 0, ..] => Utf32Be,
        [not 0, 0x00, not 0, 0x00, ..] => Utf16Le,
        [0x00, not 0, 0x00, not 0, ..] => Utf16Be,
        _ => null,
    };

    private static string? DeclaredEncoding(ReadOnlySpan<byte> content)
    {
        var head = Encoding.Latin1.GetString(content[..Math.Min(content.Length, DeclarationScanBytes)]);
        var match = XmlDeclarationEncoding().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding FromDeclaration(string label, FeedContext context)
    {
        var encoding = CharsetDecoder.FromLabel(label);
        if (encoding is null)
        {
            context.Warn($"feed: unknown encoding \"{label}\" in the XML declaration; read as UTF-8.");
            return Utf8;
        }

        // The bytes are ASCII-compatible (no NUL pattern, no mark), so a declared UTF-16/32 is wrong about them.
        return encoding is UnicodeEncoding or UTF32Encoding ? Utf8 : encoding;
    }

    private static Encoding Strict(Encoding encoding) => WithFallback(encoding, DecoderFallback.ExceptionFallback);

    // Not DecoderFallback.ReplacementFallback: that one writes "?", which would hide that anything was lost.
    private static Encoding Lenient(Encoding encoding) => WithFallback(encoding, new DecoderReplacementFallback("\uFFFD"));

    private static Encoding WithFallback(Encoding encoding, DecoderFallback fallback)
    {
        var copy = (Encoding)encoding.Clone();
        copy.DecoderFallback = fallback;
        return copy;
    }

    [GeneratedRegex("""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]{1,40})""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationEncoding();
}

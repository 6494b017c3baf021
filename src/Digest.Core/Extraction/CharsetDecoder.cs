using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Digest.Core.Extraction;

/// <summary>The page as text, and how it was decoded.</summary>
internal readonly record struct DecodedPage(string Html, string EncodingName, bool LooksBinary);

/// <summary>
/// Turns the bytes of a page into text the way browsers do (WHATWG order): byte-order mark, then the HTTP Content-Type
/// charset, then a &lt;meta charset&gt; / http-equiv prescan of the first bytes, then "is it valid UTF-8?", and finally
/// windows-1252, the encoding legacy pages without a declaration almost always use.
/// A declared charset is only believed when decoding with it gives back the ASCII markup the bytes visibly hold
/// (<see cref="IsBelievable"/>): a page whose bytes read "&lt;html&gt;" in ASCII but that calls itself UTF-7, EBCDIC
/// (IBM037, IBM500, cp1026…), UTF-16 or UTF-32 is lying, and the label is skipped for the next source of truth.
/// <see cref="Decode"/> never throws: an unknown, unsupported or unbelievable label is treated as no label.
/// </summary>
internal static partial class CharsetDecoder
{
    /// <summary>Only this much of a page is parsed: real articles are far smaller, and it bounds time and memory.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private const int PrescanBytes = 4096;

    public static DecodedPage Decode(ReadOnlySpan<byte> content, string? contentType)
    {
        if (content.Length > MaxBytes)
        {
            content = content[..MaxBytes];
        }

        var (encoding, bomLength) = FromByteOrderMark(content);
        if (encoding is null && LooksBinary(content))
        {
            return new DecodedPage(string.Empty, "binary", LooksBinary: true);
        }

        if (encoding is null)
        {
            var markup = AsciiMarkupSample(content);
            encoding = Believable(FromLabel(CharsetOf(contentType)), markup)
                ?? Believable(FromLabel(MetaCharset(content)), markup)
                ?? (Utf8.IsValid(TrimIncompleteUtf8Tail(content)) ? Utf8Lenient : Windows1252());
        }

        return new DecodedPage(GetString(encoding, content[bomLength..]), encoding.WebName, LooksBinary: false);
    }

    /// <summary>
    /// Decodes with replacement characters for invalid bytes. Every encoding <see cref="FromLabel"/> hands out already
    /// replaces; the guard keeps a <see cref="DecoderFallbackException"/> from ever escaping should that change.
    /// </summary>
    private static string GetString(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252().GetString(bytes);
        }
    }

    private static Encoding? Believable(Encoding? declared, ReadOnlySpan<byte> asciiMarkup)
        => declared is not null && IsBelievable(declared, asciiMarkup) ? declared : null;

    /// <summary>
    /// Whether a declared encoding fits bytes that visibly hold the ASCII markup <paramref name="asciiMarkup"/> (empty
    /// when they hold none, e.g. a real EBCDIC page: then nothing contradicts the label). Two checks: that markup must
    /// decode to itself, and the encoding must be ASCII-compatible at all. The second catches UTF-7, which decodes
    /// plain tags unchanged but turns "+…-" into other characters.
    /// </summary>
    internal static bool IsBelievable(Encoding encoding, ReadOnlySpan<byte> asciiMarkup)
    {
        if (asciiMarkup.IsEmpty || ReferenceEquals(encoding, Utf8Lenient))
        {
            return true;
        }

        return AsciiCompatible.GetOrAdd(encoding.CodePage, static (_, e) => DecodesAsAscii(e, AsciiProbe), encoding)
            && DecodesAsAscii(encoding, asciiMarkup);
    }

    private static readonly ConcurrentDictionary<int, bool> AsciiCompatible = new();

    /// <summary>Every printable ASCII character, the white space HTML uses, and the shift sequences of UTF-7 and HZ.</summary>
    private static readonly byte[] AsciiProbe = Encoding.ASCII.GetBytes(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ a+AGE-b ~{c~} <p>");

    private static bool DecodesAsAscii(Encoding encoding, ReadOnlySpan<byte> ascii)
    {
        try
        {
            var text = encoding.GetString(ascii);
            if (text.Length != ascii.Length)
            {
                return false;
            }

            for (var i = 0; i < ascii.Length; i++)
            {
                if (text[i] != ascii[i])
                {
                    return false;
                }
            }

            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first tag in the prescan window ("&lt;!DOCTYPE html&gt;", "&lt;html lang=en&gt;", "&lt;meta charset=…&gt;")
    /// when it is all printable ASCII: proof that the page's markup is written in an ASCII-compatible encoding.
    /// Empty when there is none.
    /// </summary>
    internal static ReadOnlySpan<byte> AsciiMarkupSample(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, PrescanBytes)];
        var start = 0;
        while (true)
        {
            var open = head[start..].IndexOf((byte)'<');
            if (open < 0)
            {
                return [];
            }

            open += start;
            if (open + 2 < head.Length && (char.IsAsciiLetter((char)head[open + 1]) || head[open + 1] is (byte)'!' or (byte)'?' or (byte)'/'))
            {
                var tag = head[open..];
                var close = tag[..Math.Min(tag.Length, 512)].IndexOf((byte)'>');
                if (close > 1 && IsPrintableAscii(tag[..(close + 1)]))
                {
                    return tag[..(close + 1)];
                }
            }

            start = open + 1;
        }
    }

    private static bool IsPrintableAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((>= 0x20 and < 0x7F) or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Encoding Utf8Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static (Encoding? Encoding, int Length) FromByteOrderMark(ReadOnlySpan<byte> content) => content switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Utf8Lenient, 3),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        _ => (null, 0),
    };

    /// <summary>A truncated page may end inside a multi-byte sequence; that alone must not make it "not UTF-8".</summary>
    private static ReadOnlySpan<byte> TrimIncompleteUtf8Tail(ReadOnlySpan<byte> content)
    {
        var cut = content.Length;
        for (var i = 1; i <= 3 && i <= content.Length; i++)
        {
            var b = content[^i];
            if ((b & 0xC0) != 0x80)
            {
                if (b >= 0xC0)
                {
                    cut = content.Length - i;
                }

                break;
            }
        }

        return content[..cut];
    }

    /// <summary>Images, archives, PDFs and other binaries served as text/html: NUL bytes or many control characters.</summary>
    internal static bool LooksBinary(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, 8192)];
        if (sample.StartsWith("%PDF"u8) || sample.StartsWith("PK\u0003\u0004"u8) 
            || sample.StartsWith("GIF8"u8) || sample is [0xFF, 0xD8, 0xFF, ..] or [0x1F, 0x8B, ..] or [0x89, 0x50, 0x4E, 0x47, ..])
        {
            return true;
        }

        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                control++;
            }
        }

        return sample.Length > 0 && control * 20 > sample.Length;
    }

    internal static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var match = CharsetParameter().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string? MetaCharset(ReadOnlySpan<byte> content)
    {
        var head = Encoding.Latin1.GetString(content[..Math.Min(content.Length, PrescanBytes)]);
        var match = MetaCharsetPattern().Match(head);
        if (match.Success)
        {
            return match.Groups[1].Value;
        }

        match = XmlDeclarationEncoding().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    internal static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8":
                return Utf8Lenient;
            // WHATWG: these labels all mean windows-1252 on the web.
            case "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252":
                return Windows1252();
            default:
                break;
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // An unknown label is treated as no label: the next source of truth decides.
            return null;
        }
    }

    private static Encoding Windows1252() => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    [GeneratedRegex("""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex("""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetPattern();

    [GeneratedRegex("""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationEncoding();
}

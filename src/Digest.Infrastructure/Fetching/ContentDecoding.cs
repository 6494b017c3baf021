using System.IO.Compression;

namespace Digest.Infrastructure.Fetching;

/// <summary>
/// Undoes a response's Content-Encoding (gzip, deflate, br, in the reverse order of the header). The fetcher decodes
/// by itself rather than with the handler's automatic decompression because that removes the header, and a corrupt
/// body should be reported as "the gzip body is corrupt", not as a bare InvalidDataException.
/// </summary>
internal static class ContentDecoding
{
    public const string AcceptEncoding = "gzip, deflate, br";

    /// <summary>The first encoding that cannot be decoded, or null when all can.</summary>
    public static string? Unsupported(IEnumerable<string> encodings)
        => encodings.FirstOrDefault(encoding => !IsSupported(encoding));

    /// <summary>A stream of the decoded body; disposing it disposes <paramref name="raw"/>.</summary>
    public static Stream Decode(Stream raw, IEnumerable<string> encodings)
    {
        var stream = raw;
        foreach (var encoding in encodings.Reverse())
        {
            stream = Normalize(encoding) switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                // HTTP's "deflate" is the zlib format (RFC 9110), which is what ZLibStream reads.
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                _ => stream,
            };
        }

        return stream;
    }

    /// <summary>Decoders report bad input as InvalidDataException (gzip, deflate) or InvalidOperationException (br).</summary>
    public static bool IsCorruptData(Exception exception) => exception is InvalidDataException or InvalidOperationException;

    private static bool IsSupported(string encoding)
        => Normalize(encoding) is "gzip" or "x-gzip" or "deflate" or "br" or "identity";

    private static string Normalize(string encoding) => encoding.Trim().ToLowerInvariant();
}

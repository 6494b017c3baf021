using System.Text;
using System.Text.RegularExpressions;

namespace Digest.Infrastructure.Tests.Mail;

/// <summary>
/// A deliberately independent reader of the messages the writer produces, written from RFC 5322, 2045 and 2047
/// rather than from the writer's code, so that the tests check the format and not the implementation.
/// </summary>
internal sealed partial class ParsedMessage
{
    public required string Raw { get; init; }
    public required IReadOnlyList<(string Name, string Value)> Headers { get; init; }
    public required IReadOnlyList<ParsedPart> Parts { get; init; }
    public required string Boundary { get; init; }

    public string Header(string name)
        => Headers.Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string DecodedHeader(string name) => DecodeEncodedWords(Header(name));

    public static ParsedMessage Parse(byte[] bytes)
    {
        Assert.All(bytes, b => Assert.True(b < 128, "the message must be 7-bit ASCII"));
        var raw = Encoding.ASCII.GetString(bytes);
        AssertCrlfOnly(raw);

        var (headerBlock, body) = SplitHeaderAndBody(raw);
        var headers = ParseHeaders(headerBlock);
        var contentType = headers.Single(h => h.Name == "Content-Type").Value;
        Assert.StartsWith("multipart/alternative;", contentType, StringComparison.Ordinal);
        var boundary = BoundaryParameter().Match(contentType).Groups[1].Value;
        Assert.NotEmpty(boundary);

        var delimiter = "\r\n--" + boundary;
        var closeIndex = body.IndexOf(delimiter + "--\r\n", StringComparison.Ordinal);
        Assert.True(closeIndex >= 0, "closing boundary missing");
        Assert.EndsWith(delimiter + "--\r\n", body, StringComparison.Ordinal);
        var sections = body[..closeIndex].Split(delimiter);
        var parts = sections.Skip(1).Select(section =>
        {
            Assert.StartsWith("\r\n", section, StringComparison.Ordinal);
            var (partHeaders, partBody) = SplitHeaderAndBody(section[2..]);
            return new ParsedPart(ParseHeaders(partHeaders), partBody);
        }).ToList();

        return new ParsedMessage { Raw = raw, Headers = headers, Parts = parts, Boundary = boundary };
    }

    public static void AssertCrlfOnly(string raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n')
            {
                Assert.True(i > 0 && raw[i - 1] == '\r', $"bare LF at {i}");
            }
            else if (raw[i] == '\r')
            {
                Assert.True(i + 1 < raw.Length && raw[i + 1] == '\n', $"bare CR at {i}");
            }
        }
    }

    public static string DecodeEncodedWords(string value)
    {
        // Whitespace between two adjacent encoded-words is not part of the text (RFC 2047 section 6.2).
        var joined = AdjacentEncodedWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, match =>
        {
            Assert.Equal("utf-8", match.Groups["charset"].Value, ignoreCase: true);
            var text = match.Groups["text"].Value;
            var bytes = string.Equals(match.Groups["encoding"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : DecodeQuotedPrintableBytes(text.Replace('_', ' '));
            return Encoding.UTF8.GetString(bytes);
        });
    }

    public static string DecodeQuotedPrintable(string encoded)
        => Encoding.UTF8.GetString(DecodeQuotedPrintableBytes(encoded.Replace("=\r\n", "", StringComparison.Ordinal)));

    private static byte[] DecodeQuotedPrintableBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    private static (string Headers, string Body) SplitHeaderAndBody(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split >= 0, "no empty line between headers and body");
        return (text[..split], text[(split + 4)..]);
    }

    private static List<(string Name, string Value)> ParseHeaders(string block)
    {
        var unfolded = block.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal);
        return unfolded.Split("\r\n").Select(line =>
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"not a header line: '{line}'");
            return (line[..colon], line[(colon + 1)..].TrimStart(' '));
        }).ToList();
    }

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryParameter();

    [GeneratedRegex(@"\?=[ \t]+=\?")]
    private static partial Regex AdjacentEncodedWords();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}

internal sealed record ParsedPart(IReadOnlyList<(string Name, string Value)> Headers, string EncodedBody)
{
    public string Header(string name)
        => Headers.Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string DecodedBody => ParsedMessage.DecodeQuotedPrintable(EncodedBody);
}

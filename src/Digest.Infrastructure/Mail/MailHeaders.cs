using System.Text;
using Digest.Core.Mail;
using Digest.Core.Safety;

namespace Digest.Infrastructure.Mail;

/// <summary>
/// Encoding, folding and validation of RFC 5322 header fields. Two kinds of value: addresses and the Message-ID are
/// ours (configuration) and are refused when malformed; text (Subject, display names) carries headlines and outlet
/// names written by strangers and is made safe instead (<see cref="SafeText.Inline"/>), so no page can make a send fail
/// or add a header.
/// </summary>
internal static class MailHeaders
{
    /// <summary>RFC 5322 recommends 78; RFC 2047 caps lines holding encoded-words at 76. The stricter one is kept.</summary>
    public const int MaxLineLength = 76;

    // "=?utf-8?B?" + base64 + "?=": 39 bytes give 52 base64 characters, a 64-character encoded-word, so that even
    // "Subject: " plus one word stays within 76 characters.
    private const int MaxEncodedWordBytes = 39;

    /// <summary>
    /// Refuses CR and LF (and NUL) in a value that goes into a header: a value such as
    /// <c>"Hi\r\nBcc: victim@example.org"</c> would otherwise add a header of the attacker's choosing.
    /// </summary>
    public static void RejectLineBreaks(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException($"The {what} contains a line break or NUL, which is not allowed in a mail header.", what);
        }
    }

    /// <summary>
    /// Checks a bare address (local@domain): printable ASCII, no whitespace or characters that have a meaning in
    /// an address header. Internationalized addresses would need SMTPUTF8, which is not supported.
    /// </summary>
    public static void ValidateAddress(string address, string what)
    {
        RejectLineBreaks(address, what);
        var at = address.LastIndexOf('@');
        var valid = address.Length is > 2 and <= 254 && at > 0 && at < address.Length - 1
            && address.IndexOf('@', StringComparison.Ordinal) == at;
        foreach (var c in address)
        {
            valid &= c is > ' ' and < (char)127 && "<>()[]\\,;:\"".IndexOf(c, StringComparison.Ordinal) < 0;
        }

        if (!valid)
        {
            throw new ArgumentException($"The {what} '{address}' is not a plain ASCII mail address of the form local@domain.", what);
        }
    }

    /// <summary>A mailbox: <c>address</c>, or <c>"Display Name" &lt;address&gt;</c> with the name quoted or encoded.</summary>
    public static string Mailbox(string headerName, MailAddress mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox, headerName);
        ValidateAddress(mailbox.Address, headerName + " address");

        // CR, LF, NUL and other controls become nothing or a space: a name such as "Desk\r\nBcc: x@y" stays one line.
        var displayName = SafeText.Inline(mailbox.DisplayName);
        if (displayName is null)
        {
            return Fold(headerName, [mailbox.Address]);
        }

        var tokens = IsPlainAscii(displayName) && displayName.Length <= 60
            ? [QuotedString(displayName)]
            : EncodedWords(displayName);
        tokens.Add("<" + mailbox.Address + ">");
        return Fold(headerName, tokens);
    }

    /// <summary>
    /// Unstructured text (Subject), first made one safe line: control characters (CR, LF, NUL, ESC…) and bidi
    /// overrides are dropped or become spaces, so a headline "Hi\r\nBcc: x@y" can neither fail the send nor add a header.
    /// Printable ASCII is written as is and folded at spaces; anything else (non-ASCII, text that itself looks like an
    /// encoded-word, a word too long to fit a line) becomes RFC 2047 UTF-8 "B" encoded-words.
    /// </summary>
    public static string Unstructured(string headerName, string text)
    {
        ArgumentNullException.ThrowIfNull(text, headerName);
        text = SafeText.Inline(text) ?? string.Empty;
        var words = text.Split(' ');

        // A word too long for any line cannot be folded as is; encoded-words can always be split.
        var tokens = IsPlainAscii(text) && !text.Contains("=?", StringComparison.Ordinal)
            && words.All(word => word.Length <= MaxLineLength - headerName.Length - 2)
            ? [.. words]
            : EncodedWords(text);
        return Fold(headerName, tokens);
    }

    /// <summary>
    /// Writes "Name: token token ..." with a CRLF at the end, starting a continuation line (CRLF + space, which
    /// unfolds back to the single space it replaces) before a token that would pass <see cref="MaxLineLength"/>.
    /// A single token longer than a line (a very long address) stays whole, as RFC 5322 allows up to 998.
    /// </summary>
    public static string Fold(string headerName, IReadOnlyList<string> tokens)
    {
        var output = new StringBuilder(headerName).Append(':');
        var lineLength = output.Length;
        foreach (var token in tokens)
        {
            // An empty token stands for one of several consecutive spaces; it must never start a line, because a
            // continuation line made only of whitespace is forbidden.
            if (token.Length > 0 && lineLength + 1 + token.Length > MaxLineLength && lineLength > headerName.Length + 1)
            {
                output.Append("\r\n");
                lineLength = 0;
            }

            output.Append(' ').Append(token);
            lineLength += 1 + token.Length;
        }

        return output.Append("\r\n").ToString();
    }

    /// <summary>
    /// RFC 2047 encoded-words, "=?utf-8?B?...?=", each holding whole characters (a code point is never split
    /// between two words, as section 5 requires). Whitespace between adjacent encoded-words is ignored by decoders,
    /// so the words together decode to exactly <paramref name="text"/>.
    /// </summary>
    public static List<string> EncodedWords(string text)
    {
        var words = new List<string>();
        var chunk = new List<byte>(MaxEncodedWordBytes);
        Span<byte> runeBytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(runeBytes);
            if (chunk.Count + length > MaxEncodedWordBytes)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
            }

            for (var i = 0; i < length; i++)
            {
                chunk.Add(runeBytes[i]);
            }
        }

        if (chunk.Count > 0 || words.Count == 0)
        {
            words.Add(EncodedWord(chunk));
        }

        return words;
    }

    private static string EncodedWord(List<byte> bytes) => "=?utf-8?B?" + Convert.ToBase64String([.. bytes]) + "?=";

    private static string QuotedString(string text)
        => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}

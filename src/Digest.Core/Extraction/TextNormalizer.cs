using System.Net;
using System.Text;

namespace Digest.Core.Extraction;

/// <summary>Whitespace and entity handling shared by the extractor parts.</summary>
internal static class TextNormalizer
{
    /// <summary>Decodes entities and collapses every run of whitespace (including no-break and zero-width) to one space.</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        var decoded = raw.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(raw) : raw;
        var builder = new StringBuilder(decoded.Length);
        AppendCollapsed(builder, decoded);
        return builder.ToString().Trim();
    }

    /// <summary>Appends text with whitespace collapsed against what the builder already ends with.</summary>
    public static void AppendCollapsed(StringBuilder builder, string text)
    {
        var lastWasSpace = builder.Length == 0 || builder[^1] == ' ';
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                if (!lastWasSpace)
                {
                    pendingSpace = true;
                }

                continue;
            }

            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD')
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        if (pendingSpace)
        {
            builder.Append(' ');
        }
    }

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' || (c > 127 && char.IsWhiteSpace(c));

    /// <summary>Number of \w+ tokens, the unit the evaluation counts in.</summary>
    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var word = IsWordChar(c);
            if (word && !inWord)
            {
                count++;
            }

            inWord = word;
        }

        return count;
    }

    /// <summary>Matches .NET's \w: letters, digits, connector punctuation and combining marks.</summary>
    public static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        return char.GetUnicodeCategory(c) switch
        {
            System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
                or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
                or System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark
                or System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        };
    }

    /// <summary>Counts the characters that are not whitespace: a cheap, markup-free measure of text length.</summary>
    public static int CountVisibleChars(string raw)
    {
        var count = 0;
        foreach (var c in raw)
        {
            if (!IsSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Letters and digits only, lower-cased: headings and titles compare across markup and punctuation.</summary>
    public static string LetterKey(string? text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text ?? string.Empty)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Digest.Core.Feeds;

/// <summary>
/// Reads the dates feeds actually contain. Two families are accepted:
/// <list type="bullet">
/// <item>RFC 822 / RFC 1123 (RSS <c>pubDate</c>) with the usual deviations: single-digit day, missing seconds,
/// two-digit year, missing or wrong weekday, full month names, named zones (GMT, UTC, EST, PDT, CET, ...),
/// numeric zones with or without a colon.</item>
/// <item>ISO-8601 / RFC 3339 (Atom, RSS 1.0 <c>dc:date</c>, JSON Feed): date only, minutes only, fractions, <c>Z</c>
/// or a numeric offset, a space instead of <c>T</c>.</item>
/// </list>
/// A missing or unknown zone is read as UTC: a date a few hours off is more useful to a briefing than no date.
/// Anything else gives <see langword="null"/>: a bad date is a property of one item, never an error of the feed.
/// </summary>
public static partial class FeedDateParser
{
    // Real dates are short; refusing long input keeps the regexes cheap on hostile documents. The patterns say [0-9],
    // not \d: .NET's \d also matches other scripts' digits (Arabic-Indic, Devanagari...), which int.Parse refuses.
    private const int MaxLength = 80;

    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["june"] = 6, ["july"] = 7,
        ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
    };

    // Offsets in minutes. RFC 822's own zones plus the few others feeds are seen to use; ambiguous
    // abbreviations (IST, CST in Asia, ...) are deliberately read the RFC 822 / North American way or as UTC.
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5 * 60, ["EDT"] = -4 * 60, ["CST"] = -6 * 60, ["CDT"] = -5 * 60,
        ["MST"] = -7 * 60, ["MDT"] = -6 * 60, ["PST"] = -8 * 60, ["PDT"] = -7 * 60,
        ["AKST"] = -9 * 60, ["AKDT"] = -8 * 60, ["HST"] = -10 * 60,
        ["BST"] = 60, ["WEST"] = 60, ["CET"] = 60, ["CEST"] = 2 * 60, ["MET"] = 60, ["MEST"] = 2 * 60,
        ["EET"] = 2 * 60, ["EEST"] = 3 * 60, ["MSK"] = 3 * 60, ["JST"] = 9 * 60, ["KST"] = 9 * 60,
        ["AEST"] = 10 * 60, ["AEDT"] = 11 * 60, ["NZST"] = 12 * 60, ["NZDT"] = 13 * 60,
    };

    /// <summary>Parses an RFC 822 or ISO-8601 date as found in feeds; <see langword="null"/> when it is not one.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var trimmed = text.Trim();
        return ParseIso8601(trimmed) ?? ParseRfc822(trimmed);
    }

    private static DateTimeOffset? ParseIso8601(string text)
    {
        var match = Iso8601Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var fraction = match.Groups["f"].Success ? match.Groups["f"].Value : "";
        var ticks = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        var offset = match.Groups["zone"].Success ? ParseZone(match.Groups["zone"].Value) : 0;
        return offset is null
            ? null
            : Build(
                Number(match, "y"), Number(match, "mo"), Number(match, "d"),
                Number(match, "h"), Number(match, "mi"), Number(match, "s"), ticks, offset.Value);
    }

    private static DateTimeOffset? ParseRfc822(string text)
    {
        var match = Rfc822Pattern().Match(text);
        if (!match.Success || !Months.TryGetValue(match.Groups["mon"].Value, out var month))
        {
            return null;
        }

        var year = Number(match, "y");
        if (match.Groups["y"].Value.Length == 2)
        {
            // RFC 2822 section 4.3: two-digit years below 50 are in the 2000s.
            year += year < 50 ? 2000 : 1900;
        }
        else if (match.Groups["y"].Value.Length == 3)
        {
            year += 1900;
        }

        var offset = match.Groups["zone"].Success ? ParseZone(match.Groups["zone"].Value) : 0;
        return offset is null
            ? null
            : Build(year, month, Number(match, "d"), Number(match, "h"), Number(match, "mi"), Number(match, "s"), 0, offset.Value);
    }

    /// <summary>Minutes east of UTC for a numeric or named zone; null when it is malformed.</summary>
    private static int? ParseZone(string zone)
    {
        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length is not (2 or 4))
            {
                return null;
            }

            var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59)
            {
                return null;
            }

            var total = (hours * 60) + minutes;
            return zone[0] == '-' ? -total : total;
        }

        // Unknown names (including RFC 822's single-letter military zones, which RFC 2822 says to treat as
        // unknown) fall back to UTC.
        return Zones.TryGetValue(zone, out var known) ? known : 0;
    }

    private static int Number(Match match, string group)
        => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, int ticks, int offsetMinutes)
    {
        // A leap second (":60") is folded into the next minute rather than rejecting the date.
        var leap = second == 60 ? 1 : 0;
        if (year < 1 || year > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }

        try
        {
            var local = new DateTime(year, month, day, hour, minute, second - leap, DateTimeKind.Unspecified)
                .AddTicks(ticks).AddSeconds(leap);
            return new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only reachable at the edges of the calendar (year 1 minus an offset, year 9999 plus one).
            return null;
        }
    }

    [GeneratedRegex(
        @"^(?<y>[0-9]{4})-(?<mo>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:[Tt ]+(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2})(?:[.,](?<f>[0-9]{1,9}))?)?)?\s*(?<zone>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?|UTC|GMT)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Iso8601Pattern();

    [GeneratedRegex(
        @"^(?:[A-Za-z]{2,9}\.?,?\s*)?(?<d>[0-9]{1,2})[\s-]+(?<mon>[A-Za-z]{3,9})\.?[\s-]+(?<y>[0-9]{2,4}),?\s+(?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2})(?::(?<s>[0-9]{1,2}))?(?:\s*(?<zone>[+-][0-9]{2}:?[0-9]{2}|[A-Za-z]{1,5}))?(?:\s*\([^)]{0,20}\))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Rfc822Pattern();
}

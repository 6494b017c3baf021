using Digest.Core.Feeds;

namespace Digest.Core.Tests.Feeds;

public sealed class FeedDateParserTests
{
    public static TheoryData<string, string> Readable => new()
    {
        // RFC 822 / 1123 as specified.
        { "Sat, 21 Nov 2026 08:15:00 GMT", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Nov 2026 08:15:00 +0000", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Nov 2026 08:15:00 -0500", "2026-11-21T08:15:00-05:00" },
        // Real-world deviations.
        { "Sat, 1 Nov 2026 08:15:00 GMT", "2026-11-01T08:15:00+00:00" },
        { "Sat, 21 Nov 2026 08:15 GMT", "2026-11-21T08:15:00+00:00" },
        { "21 Nov 2026 08:15:00 GMT", "2026-11-21T08:15:00+00:00" },
        { "Mon, 21 Nov 2026 08:15:00 GMT", "2026-11-21T08:15:00+00:00" },
        { "Saturday, 21 November 2026 08:15:00 UTC", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Sept 2026 8:05:09 EST", "2026-09-21T08:05:09-05:00" },
        { "Sat, 21 Nov 2026 08:15:00 EDT", "2026-11-21T08:15:00-04:00" },
        { "Sat, 21 Nov 2026 08:15:00 PST", "2026-11-21T08:15:00-08:00" },
        { "Sat, 21 Nov 2026 08:15:00 PDT", "2026-11-21T08:15:00-07:00" },
        { "Sat, 21 Nov 2026 08:15:00 CEST", "2026-11-21T08:15:00+02:00" },
        { "Sat, 21 Nov 2026 08:15:00 UT", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Nov 2026 08:15:00 +02:00", "2026-11-21T08:15:00+02:00" },
        { "Sat, 21 Nov 2026 08:15:00", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Nov 2026 08:15:00 XYZ", "2026-11-21T08:15:00+00:00" },
        { "sat, 21 nov 2026 08:15:00 gmt", "2026-11-21T08:15:00+00:00" },
        { "Sat,21 Nov 2026 08:15:00 GMT", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Nov 26 08:15:00 GMT", "2026-11-21T08:15:00+00:00" },
        { "Sun, 21 Nov 99 08:15:00 GMT", "1999-11-21T08:15:00+00:00" },
        { "  Sat, 21 Nov 2026 08:15:00 GMT \n", "2026-11-21T08:15:00+00:00" },
        { "Sat, 21 Nov 2026 08:15:00 +0000 (UTC)", "2026-11-21T08:15:00+00:00" },
        // ISO-8601 / RFC 3339.
        { "2026-11-21T08:15:00Z", "2026-11-21T08:15:00+00:00" },
        { "2026-11-21T08:15:00.123456Z", "2026-11-21T08:15:00.1234560+00:00" },
        { "2026-11-21T08:15:00+05:30", "2026-11-21T08:15:00+05:30" },
        { "2026-11-21T08:15:00-0800", "2026-11-21T08:15:00-08:00" },
        { "2026-11-21T08:15+01:00", "2026-11-21T08:15:00+01:00" },
        { "2026-11-21 08:15:00", "2026-11-21T08:15:00+00:00" },
        { "2026-11-21", "2026-11-21T00:00:00+00:00" },
        { "2026-11-21t08:15:00z", "2026-11-21T08:15:00+00:00" },
        { "2016-12-31T23:59:60Z", "2017-01-01T00:00:00+00:00" },
    };

    public static TheoryData<string?> Unreadable => new()
    {
        null,
        "",
        "   ",
        "yesterday",
        "not a date at all",
        "Sat, 31 Feb 2026 08:15:00 GMT",
        "Sat, 21 Foo 2026 08:15:00 GMT",
        "Sat, 21 Nov 2026 25:15:00 GMT",
        "2026-13-01T00:00:00Z",
        "2026-11-21T08:15:00+25:00",
        "21/11/2026",
        "1700000000",
        new string('1', 10_000),
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void Reads_real_world_dates(string text, string expected)
    {
        var parsed = FeedDateParser.Parse(text);

        Assert.NotNull(parsed);
        var expectedValue = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedValue, parsed.Value);
        Assert.Equal(expectedValue.Offset, parsed.Value.Offset);
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Anything_else_is_null_not_an_error(string? text)
    {
        Assert.Null(FeedDateParser.Parse(text));
    }
}

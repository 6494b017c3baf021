using Digest.Core.Subscribers;

namespace Digest.Core.Tests.Subscribers;

public class LocalMorningTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// An hourly timer over a whole month across a transition sends exactly one briefing per local day, at the send
    /// hour's instant, for every zone the issue names.
    /// </summary>
    [Theory]
    [InlineData("Europe/Berlin", 2027, 3, 2)] // 02:00 is skipped on 28 March 2027
    [InlineData("Europe/Berlin", 2027, 10, 2)] // 02:00 happens twice on 31 October 2027
    [InlineData("America/New_York", 2027, 3, 2)]
    [InlineData("America/New_York", 2027, 11, 1)]
    [InlineData("Asia/Kolkata", 2027, 3, 7)]
    [InlineData("Pacific/Chatham", 2027, 4, 2)] // +13:45 to +12:45 on 4 April 2027
    [InlineData("Pacific/Chatham", 2027, 9, 3)] // 02:45-03:45 is skipped on 26 September 2027, 03:00 with it
    public void An_hourly_timer_sends_once_per_local_day_across_transitions(string zoneId, int year, int month, int hour)
    {
        var zone = Zone(zoneId);
        var sentDays = new List<DateOnly>();
        DateOnly? last = null;
        var start = Utc(year, month, 1, 0).AddDays(-1);
        for (var now = start; now < start.AddDays(33); now = now.AddHours(1))
        {
            if (LocalMorning.DueDay(now, hour, zone, last) is { } day)
            {
                sentDays.Add(day);
                last = day;
            }
        }

        var expected = Enumerable.Range(0, sentDays.Count).Select(i => sentDays[0].AddDays(i)).ToList();
        Assert.Equal(expected, sentDays);
        Assert.True(sentDays.Count >= 32, $"only {sentDays.Count} days");
    }

    [Fact]
    public void A_send_hour_inside_the_spring_gap_is_taken_at_the_first_time_after_it()
    {
        var berlin = Zone("Europe/Berlin");

        var sendTime = LocalMorning.SendTime(new DateOnly(2027, 3, 28), 2, berlin);

        // 02:00 does not exist that night; 03:00 CEST (01:00 UTC) is the first local time after the gap.
        Assert.Equal(Utc(2027, 3, 28, 1), sendTime);
    }

    [Fact]
    public void A_send_hour_repeated_in_autumn_is_taken_at_its_first_occurrence()
    {
        var berlin = Zone("Europe/Berlin");

        var sendTime = LocalMorning.SendTime(new DateOnly(2027, 10, 31), 2, berlin);

        // 02:00 CEST (00:00 UTC) comes before 02:00 CET (01:00 UTC).
        Assert.Equal(Utc(2027, 10, 31, 0), sendTime);
    }

    [Fact]
    public void Chatham_quarter_hour_offsets_put_seven_in_the_morning_at_the_right_instant()
    {
        var chatham = Zone("Pacific/Chatham");

        // January is summer there: UTC+13:45, so 07:00 local is 17:15 UTC the day before.
        Assert.Equal(Utc(2027, 1, 14, 17, 15), LocalMorning.SendTime(new DateOnly(2027, 1, 15), 7, chatham));
    }

    [Fact]
    public void A_late_run_still_sends_the_same_local_day_and_not_again()
    {
        var kolkata = Zone("Asia/Kolkata");
        var late = Utc(2027, 5, 3, 9); // 14:30 local, the 07:00 run was missed

        var due = LocalMorning.DueDay(late, 7, kolkata, lastSentLocalDay: new DateOnly(2027, 5, 2));

        Assert.Equal(new DateOnly(2027, 5, 3), due);
        Assert.Null(LocalMorning.DueDay(late.AddHours(1), 7, kolkata, lastSentLocalDay: due));
    }

    [Fact]
    public void Before_the_send_hour_nothing_is_due()
    {
        var newYork = Zone("America/New_York");

        Assert.Null(LocalMorning.DueDay(Utc(2027, 6, 1, 10, 59), 7, newYork, lastSentLocalDay: null)); // 06:59 EDT
        Assert.Equal(new DateOnly(2027, 6, 1), LocalMorning.DueDay(Utc(2027, 6, 1, 11), 7, newYork, lastSentLocalDay: null));
    }

    [Fact]
    public void The_window_runs_from_the_previous_briefing_the_first_time_the_last_day_and_at_most_a_week()
    {
        var now = Utc(2027, 6, 10, 6);

        Assert.Equal(now.AddHours(-24), LocalMorning.WindowStart(now, lastSentAt: null));
        Assert.Equal(now.AddHours(-23), LocalMorning.WindowStart(now, now.AddHours(-23)));
        Assert.Equal(now.AddHours(-49), LocalMorning.WindowStart(now, now.AddHours(-49)));
        Assert.Equal(now - LocalMorning.MaxWindow, LocalMorning.WindowStart(now, now.AddDays(-30)));
    }
}

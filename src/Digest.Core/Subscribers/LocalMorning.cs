namespace Digest.Core.Subscribers;

/// <summary>
/// When a subscriber's briefing is due: once per local day, at their send hour in their IANA time zone, checked by an
/// hourly timer. A send hour that a spring-forward transition skips is taken at the first instant after the gap (the
/// local clock's next existing time), one that a fall-back transition repeats at its first occurrence, so no local day
/// is skipped or doubled. A run that comes late (the timer missed an hour, the machine was off) still sends the day's
/// briefing the same local day.
/// </summary>
public static class LocalMorning
{
    /// <summary>The instant of <paramref name="hour"/>:00 on <paramref name="localDay"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset SendTime(DateOnly localDay, int hour, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        var local = localDay.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Inside a spring-forward gap: the first minute that exists on the local clock after it.
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            return new DateTimeOffset(probe, zone.GetUtcOffset(probe));
        }

        if (zone.IsAmbiguousTime(local))
        {
            // Repeated by a fall-back transition: the first occurrence, the one with the larger (summer) offset.
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The local day <paramref name="now"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDay(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// The local day whose briefing is due at <paramref name="now"/>, or null: due once the send time of today has come,
    /// if today's has not been sent (<paramref name="lastSentLocalDay"/>).
    /// </summary>
    public static DateOnly? DueDay(DateTimeOffset now, int hour, TimeZoneInfo zone, DateOnly? lastSentLocalDay)
    {
        var today = LocalDay(now, zone);
        if (lastSentLocalDay is { } last && last >= today)
        {
            return null;
        }

        return now >= SendTime(today, hour, zone) ? today : null;
    }

    /// <summary>The longest window a briefing covers, for a subscriber back after a long pause.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    /// <summary>The window a briefing covers: since the previous one (at most <see cref="MaxWindow"/>), the first time the last 24 hours.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, DateTimeOffset? lastSentAt)
    {
        if (lastSentAt is not { } last || last >= now)
        {
            return now - TimeSpan.FromHours(24);
        }

        return last < now - MaxWindow ? now - MaxWindow : last;
    }
}

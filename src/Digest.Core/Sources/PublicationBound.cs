namespace Digest.Core.Sources;

/// <summary>
/// How far a page's own claim about when it was published is believed. "Earlier coverage" is decided by publication
/// time, so a copy that dates itself last week would be credited with everything others reported first, and an article
/// dated next year would outlive every story it joins. The claim is bounded by what Digest saw itself.
/// </summary>
public static class PublicationBound
{
    /// <summary>A clock that is a little fast at the publisher is not a lie; more than this ahead is.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(15);

    /// <summary>No news page was published before this; a claim of year 1 is a template's empty date, or an attack.</summary>
    public static readonly DateTimeOffset EarliestBelievable = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The publication time to record for an item claiming <paramref name="claimed"/>, first seen at
    /// <paramref name="firstSeen"/> and fetched at <paramref name="now"/>, and the claim itself when it was not believed.
    /// </summary>
    /// <param name="followedBefore">
    /// Whether the source had been read successfully before this item appeared. On a source's first read its whole
    /// back catalogue appears at once, so only the future bound applies.
    /// </param>
    public static (DateTimeOffset Published, DateTimeOffset? Claimed) Bound(DateTimeOffset claimed, DateTimeOffset firstSeen,
        DateTimeOffset now, bool followedBefore, TimeSpan backdateTolerance)
    {
        if (claimed > now + FutureSkew || claimed < EarliestBelievable)
        {
            return (now, claimed);
        }

        var earliest = firstSeen - backdateTolerance;
        if (followedBefore && claimed < earliest)
        {
            return (earliest, claimed);
        }

        return (claimed, null);
    }
}

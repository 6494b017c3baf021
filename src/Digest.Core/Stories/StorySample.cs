namespace Digest.Core.Stories;

/// <summary>
/// The members of a story that the coverage diff and the story summary read: all of them up to <see cref="MaxArticles"/>,
/// and beyond that a fixed-size, representative sample, so that the cost of processing one article stays flat however
/// many outlets carry the story (one wire story syndicated a thousand times, or an attacker's thousand copies).
/// <para>
/// The sample is the earliest members that are not near-duplicates — where each fact was first reported, so "seen in"
/// still credits the first reporters — and the latest members, where the story has moved on. Near-duplicates (wire
/// copies) are left out of the early half because they repeat a member already there. Pure and deterministic.
/// </para>
/// </summary>
public static class StorySample
{
    /// <summary>
    /// Members read at most. Larger than any story of ordinary news (a few to a few dozen articles), so ordinary stories
    /// are judged exactly as before; only stories with more members than this are judged against the sample.
    /// </summary>
    public const int MaxArticles = 32;

    /// <summary>The members to read, in joining order: all of <paramref name="memberIds"/> when there are few enough.</summary>
    /// <param name="memberIds">Members in the order they joined the story.</param>
    /// <param name="nearDuplicateIds">Members that joined as copies of an earlier member.</param>
    /// <param name="maxArticles">Sample size.</param>
    public static IReadOnlyList<string> Select(IReadOnlyList<string> memberIds, IReadOnlyCollection<string> nearDuplicateIds,
        int maxArticles = MaxArticles)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        ArgumentNullException.ThrowIfNull(nearDuplicateIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArticles, 2);
        if (memberIds.Count <= maxArticles)
        {
            return memberIds;
        }

        var latestStart = memberIds.Count - (maxArticles / 2);
        var copies = nearDuplicateIds as IReadOnlySet<string> ?? new HashSet<string>(nearDuplicateIds, StringComparer.Ordinal);
        var chosen = new List<string>(maxArticles);
        var earliestQuota = maxArticles - (maxArticles / 2);
        for (var i = 0; i < latestStart && chosen.Count < earliestQuota; i++)
        {
            if (!copies.Contains(memberIds[i]))
            {
                chosen.Add(memberIds[i]);
            }
        }

        for (var i = latestStart; i < memberIds.Count; i++)
        {
            chosen.Add(memberIds[i]);
        }

        return chosen;
    }
}

using System.Globalization;
using Digest.Core.Safety;

namespace Digest.Core.Feeds;

/// <summary>
/// What one parse carries along: the operator's feed URI (the trust anchor of <see cref="FeedLinks"/>) and the
/// warnings for <see cref="Feed.Warnings"/>. Warnings are capped, so a hostile feed with a million bad links costs a
/// bounded amount of memory.
/// </summary>
internal sealed class FeedContext(Uri feedUri)
{
    /// <summary>Warnings kept per feed; the rest are counted in one last line.</summary>
    public const int MaxWarnings = 100;

    private const int MaxLabelLength = 80;

    private readonly List<string> warnings = [];
    private int omitted;

    /// <summary>The absolute URI the operator gave (or the fetcher ended at): the base of relative links.</summary>
    public Uri FeedUri { get; } = feedUri;

    public void Warn(string message)
    {
        if (warnings.Count < MaxWarnings)
        {
            warnings.Add(message);
        }
        else
        {
            omitted++;
        }
    }

    public IReadOnlyList<string> Warnings => omitted == 0
        ? warnings.ToArray()
        : [.. warnings, string.Create(CultureInfo.InvariantCulture, $"{omitted} more warning(s) not shown.")];

    /// <summary>How a warning names an item: its position among the feed's items (from 1), and its title or id.</summary>
    public static string ItemLabel(int position, string? title, string? guid)
    {
        var name = title ?? guid;
        var label = string.Create(CultureInfo.InvariantCulture, $"item {position}");
        if (name is null)
        {
            return label;
        }

        var shown = SafeText.Inline(name.Length > MaxLabelLength ? name[..MaxLabelLength] + "…" : name);
        return $"{label} \"{shown}\"";
    }
}

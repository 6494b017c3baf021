using Digest.Core.Coverage;
using Digest.Core.Summaries;

namespace Digest.Core.Briefings;

/// <summary>
/// A day's briefing, <c>briefings/&lt;yyyy-MM-dd&gt;.json</c> (rendered beside it as .html and .txt). JSON fields are a
/// public contract (README).
/// </summary>
public sealed record Briefing
{
    public required DateOnly Date { get; init; }

    /// <summary>Articles published in [WindowStart, WindowEnd) count as activity.</summary>
    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>Stories with activity in the window, most covered first.</summary>
    public required IReadOnlyList<BriefingStory> Stories { get; init; }
}

public sealed record BriefingStory
{
    public required string StoryId { get; init; }
    public required string Title { get; init; }

    /// <summary>True when the story's first article falls inside the window.</summary>
    public required bool IsNew { get; init; }

    /// <summary>What the window's articles add to what earlier coverage said; for a new story, its summary.</summary>
    public required IReadOnlyList<AttributedSentence> WhatsNew { get; init; }

    /// <summary>The story so far, across all its articles.</summary>
    public required IReadOnlyList<AttributedSentence> Summary { get; init; }

    /// <summary>Figures that changed in the window's articles.</summary>
    public IReadOnlyList<NumberUpdate> Updates { get; init; } = [];

    /// <summary>Quotes first reported in the window.</summary>
    public IReadOnlyList<AttributedQuote> Quotes { get; init; } = [];

    /// <summary>Who covered it: every article of the story, oldest first.</summary>
    public required IReadOnlyList<CoverageLink> Coverage { get; init; }

    public IReadOnlyList<string> Outlets => Coverage.Select(c => c.Outlet).Distinct(StringComparer.Ordinal).ToList();
}

/// <param name="Url">The article's http(s) address (canonical, else where it was fetched from); null when it has none,
/// e.g. a page read from a <c>file:</c> feed without a canonical link: the briefing then names it without a link.</param>
/// <param name="InWindow">Published inside the briefing's window.</param>
public sealed record CoverageLink(string ArticleId, string Outlet, string Title, Uri? Url, DateTimeOffset Published, bool InWindow);

using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Processing;
using Digest.Core.Safety;
using Digest.Core.Stories;
using Digest.Core.Summaries;
using Digest.Core.Text;

namespace Digest.Core.Briefings;

/// <summary>Turns stories and their articles into a briefing. Pure: the handler loads, this decides.</summary>
public sealed class BriefingComposer(ISummarizer summarizer)
{
    public const int WhatsNewWords = 70;
    public const int MaxQuotesPerStory = 2;
    public const int MaxUpdatesPerStory = 5;

    public Briefing Compose(DateOnly date, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        IReadOnlyList<StoryWithArticles> stories)
    {
        var composed = new List<(BriefingStory Story, int RecentCount, DateTimeOffset Latest)>();
        foreach (var (story, articles) in stories)
        {
            var ordered = articles.OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            var recent = ordered.Where(a => a.Published >= windowStart && a.Published < windowEnd).ToList();
            if (recent.Count == 0)
            {
                continue;
            }

            var earlier = ordered.Where(a => a.Published < windowStart).ToList();
            composed.Add((ComposeStory(story, ordered, recent, earlier, windowStart, windowEnd), recent.Count, recent[^1].Published));
        }

        // Most activity first; ties by breadth of coverage, then freshness, then id for a stable order.
        var orderedStories = composed
            .OrderByDescending(s => s.RecentCount)
            .ThenByDescending(s => s.Story.Outlets.Count)
            .ThenByDescending(s => s.Latest)
            .ThenBy(s => s.Story.StoryId, StringComparer.Ordinal)
            .Select(s => s.Story)
            .ToList();

        return new Briefing { Date = date, WindowStart = windowStart, WindowEnd = windowEnd, Stories = orderedStories };
    }

    private BriefingStory ComposeStory(Story story, List<Article> all, List<Article> recent, List<Article> earlier,
        DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var recentDocs = recent.Select(ProcessHandler.ToDocument).ToList();
        var earlierDocs = earlier.Select(ProcessHandler.ToDocument).ToList();
        var isNew = earlier.Count == 0;
        var summary = story.Summary.Count > 0
            ? story.Summary
            : summarizer.SummarizeStory(all.Select(ProcessHandler.ToDocument).ToList(), StoryFold.StorySummaryWords);
        // "What's new" labels every recent article against the ones before it: on a story of a thousand copies that is
        // quadratic, so both sides are the bounded sample the process stage uses (exact for ordinary stories).
        var whatsNew = isNew
            ? summarizer.SummarizeStory(recentDocs, WhatsNewWords)
            : summarizer.SummarizeNew(Sample(recentDocs, story), Sample(earlierDocs, story), WhatsNewWords);

        return new BriefingStory
        {
            StoryId = story.Id,
            Title = Headline(story, recent),
            IsNew = isNew,
            WhatsNew = whatsNew,
            Summary = summary,
            Updates = isNew ? [] : DistinctUpdates(recent),
            Quotes = NewQuotes(recent),
            Coverage = all.Select(a => new CoverageLink(a.Id, a.Outlet, a.Title, LinkOf(a), a.Published,
                a.Published >= windowStart && a.Published < windowEnd)).ToList(),
        };
    }

    private static List<CoverageDocument> Sample(List<CoverageDocument> documents, Story story)
    {
        var chosen = StorySample.Select(documents.Select(d => d.Id).ToList(), story.NearDuplicateArticleIds)
            .ToHashSet(StringComparer.Ordinal);
        return documents.Where(d => chosen.Contains(d.Id)).ToList();
    }

    /// <summary>
    /// The headline that best says what happened in the window: of the window's articles, the one whose headline shares
    /// the most content words with the others' headlines (the consensus), earliest on ties. A developing story is shown
    /// under today's news, not under the headline it started with.
    /// </summary>
    private static string Headline(Story story, List<Article> recent)
    {
        if (recent.Count == 0)
        {
            return story.Title;
        }

        var stems = recent.Select(a => ContentWords.Stems(a.Title).ToHashSet(StringComparer.Ordinal)).ToList();
        var best = 0;
        var bestScore = -1;
        for (var i = 0; i < recent.Count; i++)
        {
            var score = 0;
            for (var j = 0; j < recent.Count; j++)
            {
                if (i != j)
                {
                    score += stems[i].Count(stems[j].Contains);
                }
            }

            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return recent[best].Title;
    }

    /// <summary>
    /// The address a reader is sent to: the canonical URL, else the fetched one, and only if it is http(s). Archives
    /// written before canonical URLs were checked may hold a <c>javascript:</c> one, and a <c>file:</c> page's URL is
    /// only meaningful on this machine.
    /// </summary>
    private static Uri? LinkOf(Article article) => SafeUrl.HttpOrNull(article.CanonicalUrl) ?? SafeUrl.HttpOrNull(article.Url);

    private static List<NumberUpdate> DistinctUpdates(List<Article> recent)
        => recent.SelectMany(a => a.Novelty?.Updates ?? [])
            .DistinctBy(u => (u.Label, u.Current))
            .Take(MaxUpdatesPerStory)
            .ToList();

    private static List<AttributedQuote> NewQuotes(List<Article> recent)
        => recent.SelectMany(a => a.Novelty?.Quotes ?? [])
            .Where(q => q.IsNew && q.Speaker is not null)
            .DistinctBy(q => q.Text, StringComparer.Ordinal)
            .Take(MaxQuotesPerStory)
            .ToList();
}

/// <summary>A story with every archived article it holds.</summary>
public sealed record StoryWithArticles(Story Story, IReadOnlyList<Article> Articles);

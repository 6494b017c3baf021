using Digest.Core.Coverage;

namespace Digest.Core.Stories;

/// <summary>How a story document changes when an article joins it or leaves it again (a fold that is rewound).</summary>
public static class StoryMembers
{
    /// <summary>The story with <paramref name="article"/> added as its latest member; unchanged when it is a member already.</summary>
    public static Story Add(Story? existing, StoryAssignment decided, CoverageDocument article, DateTimeOffset published)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(article);
        if (existing is null)
        {
            return new Story
            {
                Id = decided.StoryId,
                Title = article.Title,
                ArticleIds = [article.Id],
                FirstSeen = published,
                LastUpdated = published,
                Outlets = [article.Outlet],
            };
        }

        if (existing.ArticleIds.Contains(article.Id, StringComparer.Ordinal))
        {
            return existing;
        }

        return existing with
        {
            ArticleIds = [.. existing.ArticleIds, article.Id],
            FirstSeen = published < existing.FirstSeen ? published : existing.FirstSeen,
            LastUpdated = published > existing.LastUpdated ? published : existing.LastUpdated,
            Outlets = existing.Outlets.Contains(article.Outlet, StringComparer.Ordinal) ? existing.Outlets : [.. existing.Outlets, article.Outlet],
            NearDuplicateArticleIds = decided.IsNearDuplicate ? [.. existing.NearDuplicateArticleIds, article.Id] : existing.NearDuplicateArticleIds,
        };
    }

    /// <summary>
    /// The story without the members in <paramref name="leaving"/>, its dates and outlets recomputed from the members
    /// that stay (given in joining order); null when none stays.
    /// </summary>
    public static Story? Without(Story story, IReadOnlySet<string> leaving, IReadOnlyList<CoverageDocument> staying)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(leaving);
        ArgumentNullException.ThrowIfNull(staying);
        var ids = story.ArticleIds.Where(id => !leaving.Contains(id)).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var dates = staying.Where(d => d.Published is not null).Select(d => d.Published!.Value).ToList();
        return story with
        {
            ArticleIds = ids,
            NearDuplicateArticleIds = story.NearDuplicateArticleIds.Where(id => !leaving.Contains(id)).ToList(),
            FirstSeen = dates.Count > 0 ? dates.Min() : story.FirstSeen,
            LastUpdated = dates.Count > 0 ? dates.Max() : story.FirstSeen,
            Outlets = staying.Select(d => d.Outlet).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The members that joined before <paramref name="articleId"/>, in joining order.</summary>
    public static IReadOnlyList<string> Before(Story story, string articleId)
    {
        ArgumentNullException.ThrowIfNull(story);
        var earlier = new List<string>();
        foreach (var id in story.ArticleIds)
        {
            if (string.Equals(id, articleId, StringComparison.Ordinal))
            {
                break;
            }

            earlier.Add(id);
        }

        return earlier;
    }
}

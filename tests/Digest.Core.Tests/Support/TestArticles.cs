using Digest.Core.Articles;

namespace Digest.Core.Tests.Support;

/// <summary>Articles for tests of the stages: only what a test cares about is given, the rest is derived.</summary>
internal static class TestArticles
{
    public static Article Make(string id, string outlet, DateTimeOffset published, string title, string text,
        ArticleStatus status = ArticleStatus.Extracted)
    {
        var slug = outlet.Replace(' ', '-').ToLowerInvariant();
        return new Article
        {
            Id = id,
            Url = new Uri($"https://{slug}.example/{id}"),
            Outlet = outlet,
            SourceId = slug,
            Title = title,
            Published = published,
            Text = text,
            FetchedAt = published,
            Status = status,
        };
    }
}

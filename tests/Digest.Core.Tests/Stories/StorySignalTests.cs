using Digest.Core.Coverage;
using Digest.Core.Stories;
using Digest.Core.Stories.Batch;

namespace Digest.Core.Tests.Stories;

/// <summary>
/// The failure classes found on public multi-outlet data, each in the shape it took there but told with our own invented
/// articles: headlines in title case, people named in full by one outlet and by surname by another, loose stories that
/// drift over related events, and text-only input with no dates.
/// </summary>
public class StorySignalTests
{
    private static readonly StoryOptions Options = new();
    private static readonly DateTimeOffset Day = new(2025, 9, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_title_case_headline_counts_its_words_not_one_long_name()
    {
        var article = new CoverageDocument("t1", "Lakeside Record", "Senate Passes Bill To Expand Rural Broadband Grants",
            "The Tarnish Senate voted 61 to 9 on Thursday to expand grants for rural broadband. Senator Mara Olsen wrote the bill.", Day);
        var features = ArticleFeatures.Create(article, Options);

        Assert.True(ArticleFeatures.IsTitleCase(article.Title));
        Assert.False(ArticleFeatures.IsTitleCase("Senate passes bill to expand rural broadband grants"));
        Assert.DoesNotContain(features.Terms.Keys, t => t.StartsWith(ArticleFeatures.EntityPrefix + "senate passes", StringComparison.Ordinal));
        Assert.Contains("broadband", features.Terms.Keys);
        Assert.Contains("grant", features.Terms.Keys);
        Assert.True(features.Terms["broadband"] > features.Terms.GetValueOrDefault("vot"), "headline words weigh more than body words");
    }

    [Fact]
    public void A_person_named_by_surname_matches_the_full_name()
    {
        var full = ArticleFeatures.Create(new CoverageDocument("n1", "Lakeside Record", "Broadband bill clears the Senate",
            "Senator Mara Olsen said the grants would reach 40,000 homes.", Day), Options);
        var surname = ArticleFeatures.Create(new CoverageDocument("n2", "Pinecrest Daily", "Broadband grants approved",
            "The grants will reach 40,000 homes, Olsen said.", Day), Options);

        Assert.Contains(ArticleFeatures.EntityPrefix + "mara olsen", full.Terms.Keys);
        Assert.Contains(ArticleFeatures.EntityPrefix + "olsen", full.Terms.Keys);
        Assert.Contains(ArticleFeatures.EntityPrefix + "olsen", surname.Terms.Keys);
    }

    [Fact]
    public void Three_outlets_on_one_vote_with_title_case_and_surname_only_coverage_share_a_story()
    {
        var clusterer = new StoryClusterer(Options);
        var first = Assign(clusterer, new("v1", "Lakeside Record", "Senate Passes Rural Broadband Grants Bill In Lopsided Vote",
            "The Tarnish Senate on Thursday passed a bill expanding rural broadband grants by 61 votes to 9. "
            + "Senator Mara Olsen, who wrote the bill, said the grants would connect 40,000 homes in the hill counties.", Day));
        var second = Assign(clusterer, new("v2", "Pinecrest Daily", "Rural broadband bill sails through Senate",
            "Senators voted 61 to 9 for rural broadband grants that Olsen says will connect 40,000 homes. "
            + "Critics said the hill counties had waited a decade for fast internet.", Day.AddHours(3)));
        var third = Assign(clusterer, new("v3", "Harrow Gazette", "Olsen's broadband grants win Senate vote",
            "A bill by Mara Olsen to expand rural broadband grants passed the Senate 61-9, bringing fast internet to 40,000 homes.", Day.AddHours(5)));
        var other = Assign(clusterer, new("o1", "Pinecrest Daily", "Olsen to chair the farm committee",
            "Senator Mara Olsen will chair the Senate farm committee from January, replacing the retiring Ivo Brandt. "
            + "The committee oversees grain subsidies and water rights.", Day.AddHours(6)));

        Assert.Equal(first.StoryId, second.StoryId);
        Assert.Equal(first.StoryId, third.StoryId);
        Assert.True(other.IsNewStory, "same senator, different matter");
    }

    [Fact]
    public void A_loose_story_of_related_events_does_not_absorb_the_next_related_event()
    {
        // Two reports on weekly jobless claims made one loose story; a different release from the same office (job
        // openings) shares the vocabulary of both, but no event. Scored against the mean member, not the centroid, it
        // starts its own story.
        var clusterer = new StoryClusterer(Options);
        var claims = Assign(clusterer, new("c1", "Lakeside Record", "Weekly jobless claims fall to 412,000",
            "New claims for unemployment benefits in Tarnish fell to 412,000 last week, the labour office said. "
            + "Economists had expected 430,000 claims as factories reopened.", Day));
        var claimsAgain = Assign(clusterer, new("c2", "Pinecrest Daily", "Jobless claims drop to 412,000 as factories reopen",
            "Unemployment claims dropped to 412,000, the labour office said, below the 430,000 economists expected.", Day.AddHours(2)));
        var openings = Assign(clusterer, new("j1", "Harrow Gazette", "Job openings hit a record 9.1 million",
            "Employers listed a record 9.1 million open jobs in July, the labour office said, as hotels and shops struggled "
            + "to hire. Quits rose to 3.9 million.", Day.AddHours(4)));

        Assert.Equal(claims.StoryId, claimsAgain.StoryId);
        Assert.True(openings.IsNewStory);
    }

    [Fact]
    public void Undated_articles_need_a_stronger_match_than_dated_ones()
    {
        // With no dates at all (text only), time cannot keep adjacent events apart: the words alone carry the decision, so
        // two reports of one closure share a story and a related piece on the same town's ferries does not.
        Assert.True(Options.UndatedJoinThreshold > Options.JoinThreshold);
        var articles = new[]
        {
            new BatchArticle { Id = Json("u1"), Title = "Harbour bridge closes for repairs", Text = "The Kelby harbour bridge closed on Monday for six weeks of repairs to its cables, the roads office said. Ferries will run every ten minutes.", Source = "Lakeside Record" },
            new BatchArticle { Id = Json("u2"), Title = "Kelby harbour bridge shut for six weeks", Text = "Repairs to the cables of the Kelby harbour bridge began on Monday and will take six weeks, the roads office said.", Source = "Pinecrest Daily" },
            new BatchArticle { Id = Json("u3"), Title = "Kelby ferry fares to rise", Text = "Ferry fares in Kelby will rise by 8 percent in October, the transport board said, citing fuel costs.", Source = "Harrow Gazette" },
        };
        var stories = BatchProcessor.Cluster(articles).Select(r => r.Story).ToList();

        Assert.Equal(stories[0], stories[1]);
        Assert.NotEqual(stories[0], stories[2]);
    }

    private static System.Text.Json.JsonElement Json(string value) => System.Text.Json.JsonSerializer.SerializeToElement(value);

    private static StoryAssignment Assign(StoryClusterer clusterer, CoverageDocument article)
        => clusterer.Assign(ArticleFeatures.Create(article, Options));
}

using Digest.Core.Stories;

namespace Digest.Core.Tests.Stories;

public class StoryClustererTests
{
    private static readonly StoryOptions Options = new();

    private static StoryAssignment Assign(StoryClusterer clusterer, Digest.Core.Coverage.CoverageDocument article)
        => clusterer.Assign(ArticleFeatures.Create(article, Options));

    [Fact]
    public void Articles_about_one_event_share_a_story_and_other_events_get_their_own()
    {
        var clusterer = new StoryClusterer(Options);
        var first = Assign(clusterer, Articles.Quake("q1", 0));
        var strike = Assign(clusterer, Articles.Strike("p1", 0));
        var second = Assign(clusterer, Articles.Quake("q2", 1, "Meridian Post"));
        var reform = Assign(clusterer, Articles.PoliceReform("o1", 1));

        Assert.True(first.IsNewStory);
        Assert.Equal(StoryClusterer.StoryIdFor("q1"), first.StoryId);
        Assert.True(strike.IsNewStory);
        Assert.False(second.IsNewStory);
        Assert.Equal(first.StoryId, second.StoryId);
        Assert.Equal(["q1"], second.EarlierArticleIds);
        Assert.True(reform.IsNewStory, "same minister, different event: a new story");
    }

    [Fact]
    public void Wire_copy_under_a_new_headline_is_a_near_duplicate()
    {
        var clusterer = new StoryClusterer(Options);
        var original = Articles.Quake("q1", 0);
        Assign(clusterer, original);
        var copy = Assign(clusterer, original with { Id = "q1-copy", Title = "Velmora shaken", Outlet = "Eastbrook Times" });
        Assert.True(copy.IsNearDuplicate);
        Assert.Equal(StoryClusterer.StoryIdFor("q1"), copy.StoryId);
    }

    [Fact]
    public void A_story_goes_dormant_after_the_quiet_period()
    {
        var clusterer = new StoryClusterer(Options with { QuietPeriod = TimeSpan.FromDays(2) });
        var first = Assign(clusterer, Articles.Quake("q1", 0));
        var later = Assign(clusterer, Articles.Quake("q9", 5));
        Assert.True(later.IsNewStory);
        Assert.NotEqual(first.StoryId, later.StoryId);
        Assert.Equal(1, clusterer.ActiveStoryCount);
    }

    [Fact]
    public void Assigning_the_same_article_again_returns_the_same_answer()
    {
        var clusterer = new StoryClusterer(Options);
        Assign(clusterer, Articles.Quake("q1", 0));
        var once = Assign(clusterer, Articles.Quake("q2", 1));
        var again = Assign(clusterer, Articles.Quake("q2", 1));
        Assert.Equal(once.StoryId, again.StoryId);
        Assert.Equal(once.EarlierArticleIds, again.EarlierArticleIds);
        Assert.False(again.IsNewStory);
    }

    [Fact]
    public void Exported_state_reproduces_the_same_decisions()
    {
        var live = new StoryClusterer(Options);
        Assign(live, Articles.Quake("q1", 0));
        Assign(live, Articles.Strike("p1", 0));
        var restored = new StoryClusterer(Options, live.Export());

        var next = Articles.Strike("p2", 1, "Harbor Wire");
        var fromLive = Assign(live, next);
        var fromRestored = Assign(restored, next);
        Assert.Equal(fromLive.StoryId, fromRestored.StoryId);
        Assert.Equal(fromLive.Score, fromRestored.Score, 9);
        Assert.Equal(live.Export().Stories.Select(s => s.Id), restored.Export().Stories.Select(s => s.Id));
    }

    [Fact]
    public void The_active_set_and_centroids_stay_bounded_over_a_long_archive()
    {
        var options = Options with { QuietPeriod = TimeSpan.FromDays(1), CentroidTerms = 20 };
        var clusterer = new StoryClusterer(options);
        for (var day = 0; day < 60; day++)
        {
            clusterer.Assign(ArticleFeatures.Create(Articles.Quake("q" + day, day), options));
            clusterer.Assign(ArticleFeatures.Create(Articles.Strike("p" + day, day), options));
        }

        var state = clusterer.Export();
        Assert.True(state.Stories.Count <= 4, $"{state.Stories.Count} active stories");
        Assert.All(state.Stories, s => Assert.True(s.Centroid.Count <= 30));
        Assert.All(state.Stories, s => Assert.True(s.Signatures.Count <= options.RecentSignatures));
    }

    [Fact]
    public void A_roundup_touching_several_stories_attaches_to_the_main_one()
    {
        var clusterer = new StoryClusterer(Options);
        var quake = Assign(clusterer, Articles.Quake("q1", 0));
        var strike = Assign(clusterer, Articles.Strike("p1", 0));
        var roundup = Assign(clusterer, new Digest.Core.Coverage.CoverageDocument("r1", "Northgate Herald", "Live: Velmora earthquake rescue continues",
            "Rescuers in Velmora kept searching collapsed apartment blocks after the earthquake, rescue chief Tomas Reyk said. "
            + "Hospitals in the Carsolian city treated injured residents as aftershocks continued. Interior Minister Dana Orlov visited the old quarter. "
            + "In other news, dockworkers in Aldmere stayed on strike.", Articles.Day1.AddHours(6)));
        Assert.Equal(quake.StoryId, roundup.StoryId);
        Assert.NotEqual(strike.StoryId, roundup.StoryId);
    }

    [Fact]
    public void Same_company_and_chief_executive_in_a_different_event_start_a_new_story()
    {
        var clusterer = new StoryClusterer(Options);
        var day = Articles.Day1;
        var breach = Assign(clusterer, new("b1", "Eastbrook Times", "Brightwave Telecom hit by data breach",
            "Brightwave Telecom said hackers had stolen the names, addresses and phone numbers of 2.1 million customers. "
            + "Chief executive Lena Marsh apologised to customers. The breach was discovered during a routine security check.", day));
        var results = Assign(clusterer, new("e1", "Harbor Wire", "Brightwave Telecom profit beats forecasts",
            "Brightwave Telecom reported a 14 percent rise in quarterly profit, beating analysts' forecasts. "
            + "Chief executive Lena Marsh said the company would invest in rural fibre networks. Shares rose 6 percent.", day));
        var breachFollowUp = Assign(clusterer, new("b2", "Meridian Post", "Regulator opens inquiry into Brightwave breach",
            "The data protection regulator opened an inquiry into the theft of customer data at Brightwave Telecom. "
            + "Hackers took the personal details of 2.1 million customers. Lena Marsh has apologised.", day.AddHours(5)));

        Assert.True(results.IsNewStory);
        Assert.Equal(breach.StoryId, breachFollowUp.StoryId);
    }

    [Fact]
    public void MinHash_signatures_stay_those_stored_by_earlier_versions()
    {
        // Signatures are stored with each story and compared with new ones: a faster signature must be the same signature.
        var words = "the negotiators met again on tuesday in the capital and said a ceasefire was closer than ever".Split(' ');
        Assert.Equal(
            "G3g6LwaoFyIejN8BfeMeI+hlDwrnDxgHKqI3ByLIdwj0v9EppYxnBylnAhPKO/AhrJg5GCRnswBMxh8Jvbr/A5nu2wdXAp0ECkJTBcHVlgCiizwA1iG0CCwqjxTe7FIt/M2BDIJRLCU75ZkHT5fGD7F0/hUSq48cmeggDLiTYCJm+Cow16raIDebkQ6VrRQGxZKiE4hAGS4Rl2oNF9KAGxIw9y+DyuQBOQhiCnK8DiA2MrgA+foGEbB7qwhywS0QRM4CCV649CRjGKoAG8FJVfzshz4XI8sB4b4XA5UKPwSqoX0DeNN6LJhR3gBLM8onUjRCEKxlry24nQEarOI6Pg==",
            MinHash.Encode(MinHash.Signature(words)));
        Assert.Equal(
            "d3vovn4svzmCsyq0Zk6k1y0QgvDdPaValS7twoq2BsR9SC6ZNh8pJyjWHD3rTElzCFh6MN7QAk2QjOUBXUc57TQBjDIboEX7inqSqHrm5nSW3OyAN6TACl2gBDPbSV8/57oAMnOhjAuvXYjtQ+zSpLqp0joBXAc4F4vzic/JFOZVOQIZ3JeybtuIIJhWqF3Y9gSFYILjP6fhoY4nqlt4MyDH3CSlVKTv37YGazukoUSCZNB+6iS3Mz/2P+M+QCkAmtl2DJadtzoQXbEfxTFbxZcaFWwsZuJa476q9aWNos8TjYKYSVcA+l70gMjFJgyFXokBksBCp/OSLZlsZ5bEvA==",
            MinHash.Encode(MinHash.Signature(["one", "two"])));
    }

    [Fact]
    public void MinHash_estimates_overlap()
    {
        var words = Enumerable.Range(0, 200).Select(i => "w" + i).ToList();
        var same = MinHash.Signature(words);
        Assert.Equal(1.0, MinHash.Similarity(same, MinHash.Signature(words)));
        var other = MinHash.Signature(Enumerable.Range(1000, 200).Select(i => "w" + i).ToList());
        Assert.True(MinHash.Similarity(same, other) < 0.1);
        Assert.Equal(same, MinHash.Decode(MinHash.Encode(same)));
    }
}

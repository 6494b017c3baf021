using Digest.Core.Coverage;
using Digest.Core.Stories;

namespace Digest.Core.Tests.Stories;

/// <summary>
/// One set of truce negotiations told by five invented outlets over eight weeks, with quiet spells of about two weeks
/// between articles: the spokesperson's line is quoted again and again, while each article also brings later facts.
/// A talk by the same spokesperson about a different matter (a border crossing for trade) must stay apart.
/// </summary>
public class LongRunningStoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private const string Line = "\u201CThe gaps are narrow enough that they can be closed,\u201D mediation spokesperson Oren Valdis said.";

    private static CoverageDocument Talks(string id, string outlet, int day, string title, string text) => new(id, outlet, title, text, Start.AddDays(day));

    internal static IReadOnlyList<CoverageDocument> Negotiations() =>
    [
        Talks("t1", "Harbourline Courier", 0, "Truce talks between Dastria and the Kelun Alliance open in Pereth",
            "Negotiators for Dastria and the Kelun Alliance met in Pereth on Monday to discuss a truce and the exchange of detainees. "
            + Line + " The mediators have proposed a six-week pause in fighting along the Tamsa river. "
            + "Dastria wants the release of 60 soldiers held by the alliance before any pause begins. "
            + "The Kelun Alliance demands that Dastrian troops pull back from the river crossings."),
        Talks("t2", "Ridgeback Gazette", 15, "Pereth truce talks resume as mediators press Dastria and the Kelun Alliance",
            "Mediators pressed Dastria and the Kelun Alliance to accept the six-week truce plan as talks resumed in Pereth on Tuesday. "
            + "Mediation spokesperson Oren Valdis told reporters: \u201CThe gaps are narrow enough that they can be closed.\u201D "
            + "Both delegations agreed for the first time on a list of 60 detainees to be exchanged. "
            + "The alliance still wants Dastrian troops to leave the Tamsa river crossings before the truce."),
        Talks("t3", "Saltmarsh Observer", 29, "Kelun Alliance and Dastria near truce deal, mediators say",
            "Dastria and the Kelun Alliance are close to a truce deal after a fourth round of talks in Pereth, the mediators said. "
            + Line + " The detainee exchange would now start on the first day of the six-week truce. "
            + "Dastria offered to pull its troops back five kilometres from the Tamsa river crossings. "
            + "The alliance has not yet answered the offer."),
        Talks("t4", "Ironbridge Ledger", 41, "Kelun Alliance accepts pullback offer at Pereth truce talks",
            "The Kelun Alliance accepted Dastria's offer to pull troops back five kilometres from the Tamsa river crossings, mediators said in Pereth. "
            + "\u201CThe gaps are narrow enough that they can be closed,\u201D said Oren Valdis, the mediation spokesperson. "
            + "Monitors from four neutral countries will watch the pullback line. "
            + "A signing ceremony for the truce is planned for next week in Pereth."),
        Talks("t5", "Lanternfield News", 55, "Dastria and Kelun Alliance sign truce in Pereth",
            "Dastria and the Kelun Alliance signed a six-week truce in Pereth on Thursday after eight weeks of talks. "
            + "Earlier in the talks, mediation spokesperson Oren Valdis had said the gaps were narrow enough that they could be closed. "
            + "The first 25 detainees crossed the Tamsa river on Thursday evening, and 35 more are due on Saturday. "
            + "Neutral monitors reported that the fighting had stopped along the whole front by nightfall."),
    ];

    private static CoverageDocument TradeCrossing() => Talks("x1", "Ridgeback Gazette", 30,
        "Dastria reopens Corvel border crossing for grain trucks",
        "Dastria reopened the Corvel border crossing to grain trucks on Wednesday after a dispute over customs fees with its western neighbour Ostmark. "
        + "Mediation spokesperson Oren Valdis said the customs agreement would cut waiting times for drivers. "
        + "Around 400 trucks a day are expected to use the crossing, the Dastrian transport ministry said.");

    /// <summary>
    /// A clusterer that has read some earlier news, as a running one has: with no document frequencies at all, every word
    /// would weigh the same and the names that tie the talks together would count no more than "said".
    /// </summary>
    private static StoryClusterer WithBackground(StoryOptions options)
    {
        var clusterer = new StoryClusterer(options);
        foreach (var article in Background())
        {
            clusterer.CountFrequencies(ArticleFeatures.Create(article, options));
        }

        return clusterer;
    }

    /// <summary>Our own fixture articles (other stories, months earlier), read for their word frequencies only.</summary>
    private static IEnumerable<CoverageDocument> Background()
    {
        var fixtures = FixtureFolder();
        foreach (var file in new[] { "cluster.jsonl", Path.Combine("heldout", "cluster.jsonl") })
        {
            foreach (var article in Digest.Core.Stories.Batch.JsonLines.Parse<Digest.Core.Stories.Batch.BatchArticle>(File.ReadAllText(Path.Combine(fixtures, file))))
            {
                yield return article.ToDocument();
            }
        }
    }

    private static string FixtureFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Digest.Core.Tests", "Stories", "Fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Digest.Core.Tests/Stories/Fixtures not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Negotiations_over_eight_weeks_with_quiet_spells_stay_one_story()
    {
        var options = new StoryOptions();
        var clusterer = WithBackground(options);
        var negotiations = Negotiations();
        var stories = new List<string>();
        foreach (var article in negotiations.Take(3))
        {
            stories.Add(clusterer.Assign(ArticleFeatures.Create(article, options)).StoryId);
        }

        var trade = clusterer.Assign(ArticleFeatures.Create(TradeCrossing(), options));
        foreach (var article in negotiations.Skip(3))
        {
            stories.Add(clusterer.Assign(ArticleFeatures.Create(article, options)).StoryId);
        }

        Assert.All(stories, id => Assert.Equal(StoryClusterer.StoryIdFor("t1"), id));
        Assert.True(trade.IsNewStory, "same spokesperson, different matter: its own story");
    }

    [Fact]
    public void The_repeated_spokesperson_line_is_already_reported_and_the_later_facts_are_new()
    {
        var differ = new CoverageDiffer();
        var negotiations = Negotiations();
        for (var i = 1; i < negotiations.Count; i++)
        {
            var report = differ.Diff(negotiations[i], negotiations.Take(i).ToList());
            Assert.Contains(report.Repeated, r => r.Sentence.Contains("narrow enough", StringComparison.Ordinal));
            Assert.DoesNotContain(report.New, s => s.Contains("narrow enough", StringComparison.Ordinal));
            Assert.All(report.Quotes.Where(q => q.Text.Contains("narrow enough", StringComparison.Ordinal)), q => Assert.False(q.IsNew));
        }

        var last = differ.Diff(negotiations[^1], negotiations.Take(negotiations.Count - 1).ToList());
        Assert.Contains(last.New, s => s.Contains("first 25 detainees", StringComparison.Ordinal));
        Assert.Contains(last.New, s => s.Contains("fighting had stopped", StringComparison.Ordinal));

        var fourth = differ.Diff(negotiations[3], negotiations.Take(3).ToList());
        Assert.Contains(fourth.New, s => s.Contains("Monitors from four neutral countries", StringComparison.Ordinal));
    }
}

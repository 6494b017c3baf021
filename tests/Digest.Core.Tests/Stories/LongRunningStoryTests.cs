using Digest.Core.Coverage;
using Digest.Core.Stories;

namespace Digest.Core.Tests.Stories;

/// <summary>
/// One set of truce negotiations told by five invented outlets over eight weeks, with quiet spells of about two weeks
/// between articles: the spokesperson's line is quoted again and again, while each article also brings later facts.
/// Each is a full article, as real follow-ups are: the day's development in the lead, then the earlier rounds and the
/// background of the war retold in its own words.
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
            + "The Kelun Alliance demands that Dastrian troops pull back from the river crossings. "
            + "The two delegations sat in separate rooms on the first day, with mediators from Calvoria and Eskerland carrying proposals between them. "
            + "It is the first time the sides have met since a ten-day ceasefire broke down in April amid accusations of shelling on both banks. "
            + "An earlier truce, agreed in October last year, lasted less than three weeks. "
            + "The war began in February last year, when Dastrian forces moved onto the eastern bank of the Tamsa after a dispute over water rights and grazing land. "
            + "Aid agencies say more than 3,000 people have been killed and about 120,000 have fled their homes, most of them from villages near the river. "
            + "Dastria's chief negotiator, Ilsa Marrek, said her delegation had come \u201Cto bring our soldiers home\u201D and would sign nothing that left them in captivity. "
            + "Tobin Arazi, who leads the alliance delegation, said a pause meant little to families living within range of Dastrian artillery. "
            + "\u201CA truce that leaves the guns where they are is only a rest before the next battle,\u201D he said. "
            + "The first round is expected to last three days. "
            + "Valdis said the mediators hoped to agree on a timetable for further rounds before the delegations leave Pereth."),
        Talks("t2", "Ridgeback Gazette", 15, "Pereth truce talks resume as mediators press Dastria and the Kelun Alliance",
            "Mediators pressed Dastria and the Kelun Alliance to accept the six-week truce plan as talks resumed in Pereth on Tuesday. "
            + "Mediation spokesperson Oren Valdis told reporters: \u201CThe gaps are narrow enough that they can be closed.\u201D "
            + "Both delegations agreed for the first time on a list of 60 detainees to be exchanged. "
            + "The alliance still wants Dastrian troops to leave the Tamsa river crossings before the truce. "
            + "The list was checked by officials from Calvoria, who visited three detention camps held by the alliance last week and confirmed that all 60 men were alive. "
            + "This is the third round of talks. "
            + "A second round, held a week after the opening meeting, broke up after two days without progress. "
            + "When the negotiations began two weeks ago, the mediators put forward a pause of six weeks on the river front, and Dastria insisted that its captured soldiers be freed before any shooting stops. "
            + "Ilsa Marrek, who heads the Dastrian delegation, called the agreed list \u201Ca first real step\u201D but said her side would not withdraw under fire. "
            + "Tobin Arazi, the alliance's lead delegate, said villages on the eastern bank could not be asked to trust a truce while Dastrian guns still covered the bridges and fords. "
            + "The conflict started in February last year over water rights and farmland along the Tamsa, and aid agencies put the death toll at more than 3,000, with about 120,000 people displaced. "
            + "Calvoria and Eskerland, which lead the mediation, have kept the talks going after two truces, in October and in April, collapsed within weeks. "
            + "The mediators plan to hand both sides a written draft of the truce before the next round, expected at the end of the month."),
        Talks("t3", "Saltmarsh Observer", 29, "Kelun Alliance and Dastria near truce deal, mediators say",
            "Dastria and the Kelun Alliance are close to a truce deal after a fourth round of talks in Pereth, the mediators said. "
            + Line + " The detainee exchange would now start on the first day of the six-week truce. "
            + "Dastria offered to pull its troops back five kilometres from the Tamsa river crossings. "
            + "The alliance has not yet answered the offer. "
            + "Under the draft the mediators gave both delegations on Monday, artillery and rocket launchers would also be moved out of range of the villages on the eastern bank. "
            + "Tobin Arazi, head of the alliance delegation, said he would take the offer to the alliance council in Vessamar, which is due to meet next week. "
            + "\u201CWe will study it seriously, but our people have heard promises before,\u201D he said. "
            + "Ilsa Marrek, Dastria's chief negotiator, said her government had gone further than ever. "
            + "\u201CWe have moved. Now it is their turn,\u201D she said. "
            + "At the previous round two weeks ago, the two sides settled on the names of the 60 soldiers to be freed, but the alliance held out for a withdrawal from the river before any pause. "
            + "Linking the release to the start of the truce removed Dastria's condition that its men come home first, a diplomat from Eskerland said. "
            + "The fighting, which began in February last year in a quarrel over the river's water and the farmland on its banks, has killed more than 3,000 people and driven about 120,000 from their homes. "
            + "Mediators from Calvoria and Eskerland have tried to avoid a repeat of the truces of October and April, which broke down within weeks. "
            + "The mediators hope to call a fifth round soon after the alliance council gives its answer."),
        Talks("t4", "Ironbridge Ledger", 41, "Kelun Alliance accepts pullback offer at Pereth truce talks",
            "The Kelun Alliance accepted Dastria's offer to pull troops back five kilometres from the Tamsa river crossings, mediators said in Pereth. "
            + "\u201CThe gaps are narrow enough that they can be closed,\u201D said Oren Valdis, the mediation spokesperson. "
            + "Monitors from four neutral countries will watch the pullback line. "
            + "A signing ceremony for the truce is planned for next week in Pereth. "
            + "Observers from Lindmere and Sarovia will join teams from Calvoria and Eskerland, the two countries that have led the mediation, and will patrol both banks from the day the truce is signed. "
            + "The alliance council approved the offer in Vessamar on Friday after a debate that lasted two days, Tobin Arazi, the alliance's lead delegate, said at the fifth round of talks. "
            + "\u201CFor the first time in a year and a half we can tell our people that the guns will move back,\u201D he said. "
            + "Dastria made the offer at the previous round, two weeks ago, after the delegations had settled the names of the 60 detainees and agreed that their release would begin as soon as the six-week truce takes effect. "
            + "Ilsa Marrek, who leads the Dastrian delegation, said the exchange remained \u201Cthe test of whether this truce is real.\u201D "
            + "Fighting has gone on along the river throughout the talks, and aid agencies reported shelling near two villages on the eastern bank last week. "
            + "Since the war began in February last year over water rights and farmland, more than 3,000 people have been killed and about 120,000 displaced. "
            + "Both earlier truces, in October and in April, collapsed within weeks, partly because no one watched the front line. "
            + "Diplomats in Pereth said the monitors were meant to close that gap. "
            + "The truce would take effect at noon on the day of signing, the mediators said."),
        Talks("t5", "Lanternfield News", 55, "Dastria and Kelun Alliance sign truce in Pereth",
            "Dastria and the Kelun Alliance signed a six-week truce in Pereth on Thursday after eight weeks of talks. "
            + "Earlier in the talks, mediation spokesperson Oren Valdis had said the gaps were narrow enough that they could be closed. "
            + "The first 25 detainees crossed the Tamsa river on Thursday evening, and 35 more are due to follow. "
            + "Neutral monitors reported that the fighting had stopped along the whole front by nightfall. "
            + "Ilsa Marrek and Tobin Arazi, who led the two delegations, signed the text in the old assembly hall of Pereth shortly before noon, when the truce took effect. "
            + "The ceremony had been delayed by several days by a last-minute dispute over the order in which the prisoners would be freed. "
            + "\u201CTonight some families in Dastria will have their sons back,\u201D Marrek said after the signing. "
            + "Arazi said the river \u201Cmust become a line of peace, not a line of guns.\u201D "
            + "The deal came together in stages over five rounds of negotiation. "
            + "The two sides first settled on the names of the 60 captured soldiers, then agreed that the exchange would begin with the truce itself. "
            + "Earlier this month the alliance accepted a Dastrian withdrawal of five kilometres from the crossings, to be watched by observers from Calvoria, Eskerland, Lindmere and Sarovia. "
            + "The war, which broke out in February last year over water rights and farmland on the eastern bank, has killed more than 3,000 people and forced about 120,000 from their homes. "
            + "Two earlier truces, in October and in April, fell apart within weeks. "
            + "Talks on a permanent settlement, including the return of displaced families, are due to open in Pereth within a month, before the truce runs out."),
    ];

    private static CoverageDocument TradeCrossing() => Talks("x1", "Ridgeback Gazette", 30,
        "Dastria reopens Corvel border crossing for grain trucks",
        "Dastria reopened the Corvel border crossing to grain trucks on Wednesday after a dispute over customs fees with its western neighbour Ostmark. "
        + "Mediation spokesperson Oren Valdis said the customs agreement would cut waiting times for drivers. "
        + "Around 400 trucks a day are expected to use the crossing, the Dastrian transport ministry said. "
        + "The crossing had been closed to freight for five weeks after Ostmark doubled its inspection fee on grain imports and Dastria answered by stopping Ostmark trucks at the frontier. "
        + "At the height of the dispute, queues of trucks stretched for hours along the highway to Corvel, and some drivers slept in their cabs for days. "
        + "Under the agreement, Ostmark will return the fee to its old level, and customs officers of both countries will inspect loads together at a shared terminal, so that each truck is checked once instead of twice. "
        + "The deal was worked out by a mediation office that handles trade disputes between the neighbours. "
        + "Valdis, who also speaks for the mediators at the truce talks, said the customs team had been separate. "
        + "Grain farmers on the western plains, who send most of their wheat and barley to Ostmark through Corvel, said the closure had come at the worst time. "
        + "\u201CWe had a full harvest and nowhere to send it,\u201D said Mara Tovin, who grows wheat near the town of Ebbrin and had stored her crop in a neighbour's barn. "
        + "The Dastrian farmers' union estimates that the closure cost growers about 18 million crowns in lost sales and storage. "
        + "Ostmark's trade minister, Felix Harrow, said mills in his country had run short of grain and welcomed the reopening. "
        + "The transport ministry said the crossing would stay open around the clock during the harvest, and the two governments will review the fees in the autumn.");

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

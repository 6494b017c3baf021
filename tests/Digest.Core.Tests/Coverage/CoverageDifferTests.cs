using Digest.Core.Coverage;

namespace Digest.Core.Tests.Coverage;

public class CoverageDifferTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly CoverageDiffer differ = new();

    private static CoverageDocument Doc(string id, string text, int day = 0) => new(id, "Outlet " + id, "Talks in Lisk", text, Day.AddDays(day));

    [Fact]
    public void Paraphrases_and_re_punctuation_are_repeated_and_name_their_sources()
    {
        var earlier = new[]
        {
            Doc("a1", "Ceasefire talks resumed in Lisk on Monday. Envoy Marta Quill said the two sides were closer than they had ever been to a deal."),
            Doc("a2", "Rebels said they would not disarm. The Rovenian health ministry says 12,400 people have been killed in the conflict.", 1),
        };
        var article = Doc("a3", "The sides are as close as they have ever been to a deal, envoy Marta Quill said. "
            + "Ceasefire talks resumed on Monday in Lisk. Engineers began repairing the water plant in Marrow.", 2);

        var report = differ.Diff(article, earlier);

        Assert.Equal(["Engineers began repairing the water plant in Marrow."], report.New);
        Assert.Equal(2, report.Repeated.Count);
        Assert.All(report.Repeated, r => Assert.Equal(["a1"], r.SeenIn));
    }

    /// <summary>
    /// The failure class of the seed articles: one outlet quotes the two halves of a spokesperson's remark as two quotes,
    /// another rewords it as one. No single earlier quote covers the later one; what the speaker said before does.
    /// </summary>
    [Fact]
    public void A_speakers_line_reworded_from_two_earlier_quotes_is_already_reported_and_a_new_line_is_not()
    {
        var earlier = new[]
        {
            Doc("a1", "Envoy Marta Quill spoke after the session. \u201CThere is a workable plan before both delegations, and they need to accept "
                + "that plan so the pause can begin,\u201D Quill said. \u201CWe are as close as we have ever been,\u201D she added."),
        };
        var article = Doc("a2", "\u201CA workable plan is in front of both delegations, and we are closer than we have ever "
            + "been,\u201D envoy Marta Quill told reporters. "
            + "\u201CThe water plant in Marrow must be repaired before the winter,\u201D Quill said.", 14);

        var report = differ.Diff(article, earlier);

        Assert.Equal(2, report.Quotes.Count);
        Assert.False(report.Quotes[0].IsNew, "the remark was reported in two halves");
        Assert.True(report.Quotes[1].IsNew, "the same speaker on another matter");
    }

    [Fact]
    public void Changed_numbers_are_new_and_reported_as_updates()
    {
        var earlier = new[] { Doc("a1", "At least 39,600 people have been killed in the fighting, the health ministry said.") };
        var article = Doc("a2", "At least 40,000 people have been killed in the fighting, the health ministry said on Friday.", 1);

        var report = differ.Diff(article, earlier);

        Assert.Single(report.New);
        var update = Assert.Single(report.Updates);
        Assert.Equal("people killed in fighting", update.Label);
        Assert.Equal("39,600", update.Previous);
        Assert.Equal("40,000", update.Current);
        Assert.Equal(["a1"], update.PreviousSeenIn);
    }

    [Fact]
    public void Quotes_have_speakers_and_know_whether_they_were_reported_before()
    {
        var earlier = new[] { Doc("a1", "Envoy Marta Quill met both sides. \"The gaps are narrow and they can be closed,\" Quill said.") };
        var article = Doc("a2", "\"The gaps are narrow and can be closed,\" Quill told reporters. "
            + "Rebel commander Ivo Dask spoke later. \"We will not leave Marrow without guarantees,\" Dask said.", 1);

        var report = differ.Diff(article, earlier);

        Assert.Equal(2, report.Quotes.Count);
        Assert.False(report.Quotes[0].IsNew);
        Assert.True(report.Quotes[1].IsNew);
        Assert.Equal("Ivo Dask", report.Quotes[1].Speaker);
    }

    [Fact]
    public void New_actors_and_places_are_reported_but_known_ones_by_another_name_are_not()
    {
        var earlier = new[] { Doc("a1", "Envoy Marta Quill arrived in Lisk. Officials from Rovenia joined her.") };
        var article = Doc("a2", "Quill later flew to Ostel with Anton Pell. Officials in Lisk said Rovenia agreed.", 1);

        var report = differ.Diff(article, earlier);

        Assert.Contains("ostel", report.NewEntities);
        Assert.Contains("anton pell", report.NewEntities);
        Assert.DoesNotContain("quill", report.NewEntities);
        Assert.DoesNotContain("lisk", report.NewEntities);
    }

    [Fact]
    public void Without_earlier_coverage_everything_is_new()
    {
        var report = differ.Diff(Doc("a1", "One thing happened today in Lisk. Another thing happened later."), []);
        Assert.Equal(2, report.New.Count);
        Assert.Empty(report.Repeated);
    }

    [Fact]
    public void Sentence_labels_come_back_one_per_sentence_with_scores()
    {
        var earlier = new[] { Doc("a1", "Heavy rain flooded the town of Ostel on Tuesday.") };
        var labels = differ.LabelSentences(["The town of Ostel was flooded by heavy rain on Tuesday.", "Two bridges collapsed near the river."], earlier);
        Assert.Equal(2, labels.Count);
        Assert.False(labels[0].IsNew);
        Assert.True(labels[1].IsNew);
        Assert.True(labels[1].NoveltyScore > labels[0].NoveltyScore);
        Assert.InRange(labels[0].Similarity, 0, 1);
    }

    [Fact]
    public void Hostile_input_is_labelled_without_failing()
    {
        var noise = string.Concat(Enumerable.Repeat("\"Aaa Bbb said \u201Cx \" Ccc Ddd told 12,345,678 ", 4000)) + new string('z', 50_000);
        var earlier = new[] { Doc("a1", noise) };
        var report = differ.Diff(Doc("a2", noise + " Something new happened in Ostel today.", 1), earlier);
        Assert.Contains(report.New, s => s.Contains("Ostel", StringComparison.Ordinal));
        var summary = new Digest.Core.Summaries.Summarizer().SummarizeStoryText([Doc("a1", noise), Doc("a2", noise, 1)], 50);
        Assert.True(Digest.Core.Text.Tokenizer.CountWords(summary) <= 50);
    }

    [Fact]
    public void A_fact_retold_in_other_words_across_one_earlier_report_is_repeated()
    {
        // The earlier report said it in two sentences and other words; the article folds it into one.
        var earlier = new[]
        {
            Doc("a1", "Floodwater reached the old stone bridge in Ostel on Tuesday night. Engineers closed the bridge to all traffic."),
            Doc("a2", "The river level kept rising on Wednesday. Schools in the lower town stayed shut.", 1),
        };
        var labels = differ.LabelSentences(
        [
            "The old stone bridge in Ostel was closed to traffic after floodwater reached it on Tuesday.",
            "Volunteers from Marrow delivered sandbags and drinking water to the lower town.",
        ], earlier);

        Assert.False(labels[0].IsNew);
        Assert.True(labels[1].IsNew);
    }

    [Fact]
    public void A_fresh_fact_told_with_the_story_s_known_names_is_new()
    {
        // Every name is known from earlier coverage; what they did now is not.
        var earlier = new[]
        {
            Doc("a1", "Mayor Ilse Varga said the port of Tamsin would stay open during the strike. Union leader Oren Falk called the strike on Monday."),
            Doc("a2", "Oren Falk said the union would keep the port of Tamsin closed. Ilse Varga met Oren Falk on Tuesday.", 1),
            Doc("a3", "Talks between Ilse Varga and Oren Falk continued in Tamsin on Wednesday.", 2),
        };
        var labels = differ.LabelSentences(
        [
            "Ilse Varga and Oren Falk met again in Tamsin.",
            "Ilse Varga said Tamsin would sell its ferry company to pay the dockers a bonus of 900 euros each.",
        ], earlier);

        Assert.False(labels[0].IsNew);
        Assert.True(labels[1].IsNew);
        Assert.True(labels[1].NoveltyScore > labels[0].NoveltyScore);
    }

    [Fact]
    public void A_changed_figure_makes_an_otherwise_repeated_sentence_new()
    {
        var earlier = new[]
        {
            Doc("a1", "Officials said 180 homes were destroyed by the floods in Ostel. The army sent boats to the lower town."),
            Doc("a2", "Rescue teams searched the lower town of Ostel for a second day.", 1),
        };
        var labels = differ.LabelSentences(
        [
            "Officials said 212 homes were destroyed by the floods in Ostel.",
            "The army sent boats to the lower town.",
        ], earlier);

        Assert.True(labels[0].IsNew);
        Assert.False(labels[1].IsNew);
    }
}

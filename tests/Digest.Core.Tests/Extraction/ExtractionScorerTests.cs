using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

public class ExtractionScorerTests
{
    [Fact]
    public void Identical_texts_score_one()
    {
        var score = ExtractionScorer.Score("one two three four five six", "one two three four five six");

        Assert.Equal(1, score.Precision);
        Assert.Equal(1, score.Recall);
        Assert.Equal(1, score.F1);
    }

    [Fact]
    public void Extra_text_lowers_precision_and_missing_text_lowers_recall()
    {
        // Expected: 6 tokens = 3 shingles. Extracted adds 2 tokens = 5 shingles, 3 of them right.
        var extra = ExtractionScorer.Score("a b c d e f", "a b c d e f g h");
        // Extracted keeps 5 of 6 tokens = 2 shingles, both right, out of 3 expected.
        var missing = ExtractionScorer.Score("a b c d e f", "a b c d e");

        Assert.Equal(3.0 / 5, extra.Precision, 6);
        Assert.Equal(1, extra.Recall);
        Assert.Equal(1, missing.Precision);
        Assert.Equal(2.0 / 3, missing.Recall, 6);
    }

    [Fact]
    public void Tokens_are_word_characters_only_so_punctuation_and_layout_do_not_count()
    {
        Assert.Equal(["Grüße", "aus", "Köln", "3", "5"], ExtractionScorer.Tokenize("Grüße, aus\n\nKöln! 3.5"));
        Assert.Equal(1, ExtractionScorer.Score("one, two. three four", "one two\n\nthree four").F1);
    }

    [Fact]
    public void Empty_extraction_scores_zero_and_both_empty_scores_one()
    {
        Assert.Equal(0, ExtractionScorer.Score("a b c d", string.Empty).F1);
        Assert.Equal(1, ExtractionScorer.Score(string.Empty, string.Empty).F1);
    }

    [Fact]
    public void Set_mean_averages_precision_and_recall_per_page()
    {
        var mean = ExtractionScorer.Mean([new ExtractionScore(1, 0.5), new ExtractionScore(0.5, 1)]);

        Assert.Equal(0.75, mean.Precision);
        Assert.Equal(0.75, mean.Recall);
        Assert.Equal(0.75, mean.F1);
    }
}

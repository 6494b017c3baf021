using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class SentenceSplitterTests
{
    [Fact]
    public void Does_not_split_after_titles_initials_acronyms_months_or_decimals()
    {
        var text = "Mr. Hale met Dr. Ruiz in the U.S. capital on Oct. 3 to discuss a 2.5 percent rise. John F. Kirby was there.";
        Assert.Equal(
            ["Mr. Hale met Dr. Ruiz in the U.S. capital on Oct. 3 to discuss a 2.5 percent rise.", "John F. Kirby was there."],
            SentenceSplitter.Split(text));
    }

    [Fact]
    public void Splits_after_quotes_that_end_a_sentence()
    {
        var text = "\u201CThe gaps are narrow.\u201D He left. \"We will see!\" she said. Then it rained?";
        Assert.Equal(["\u201CThe gaps are narrow.\u201D", "He left.", "\"We will see!\" she said.", "Then it rained?"], SentenceSplitter.Split(text));
    }

    [Fact]
    public void Paragraph_and_line_breaks_end_sentences()
    {
        Assert.Equal(["Headline without a stop", "First paragraph.", "Second one."], SentenceSplitter.Split("Headline without a stop\n\nFirst paragraph.\r\nSecond one."));
    }

    [Fact]
    public void Lowercase_after_a_stop_does_not_start_a_sentence()
    {
        Assert.Equal(["It cost approx. five crowns."], SentenceSplitter.Split("It cost approx. five crowns."));
    }

    [Fact]
    public void Hostile_input_is_cut_into_bounded_pieces()
    {
        var sentences = SentenceSplitter.Split(new string('a', 10_000));
        Assert.True(sentences.Count >= 5);
        Assert.All(sentences, s => Assert.True(s.Length <= 2001));
    }
}

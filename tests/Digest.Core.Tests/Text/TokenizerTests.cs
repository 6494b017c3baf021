using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class TokenizerTests
{
    [Fact]
    public void Keeps_numbers_with_separators_and_words_with_apostrophes()
    {
        var tokens = Tokenizer.Tokenize("We're told 39,600 people (3.5%) fled al-Nour, 3,4 times.");
        Assert.Equal(["we're", "told", "39600", "people", "3.5", "fled", "al-nour", "3", "4", "times"], tokens.Select(t => t.Lower));
        Assert.True(tokens[2].IsNumber);
        Assert.Equal("39,600", tokens[2].Text);
        Assert.False(tokens[0].IsNumber);
    }

    [Fact]
    public void Lowercases_non_ascii_letters_culture_invariantly()
    {
        Assert.Equal(["İstanbul".ToLowerInvariant(), "zürich", "ßtraße"], Tokenizer.Words("İstanbul ZÜRICH ßtraße"));
    }

    [Fact]
    public void Curly_apostrophes_match_straight_ones()
    {
        Assert.Equal(Tokenizer.Words("we're"), Tokenizer.Words("we\u2019re"));
    }

    [Fact]
    public void Drops_absurdly_long_runs()
    {
        Assert.Equal(["ok"], Tokenizer.Words(new string('x', 500) + " ok"));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("  two  words\n", 2)]
    [InlineData("a b\tc\n\nd", 4)]
    public void Counts_whitespace_separated_words(string text, int expected)
    {
        Assert.Equal(expected, Tokenizer.CountWords(text));
    }
}

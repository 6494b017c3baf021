using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class StemmerTests
{
    [Theory]
    [InlineData("talks", "talked")]
    [InlineData("talking", "talk")]
    [InlineData("closer", "close")]
    [InlineData("negotiations", "negotiate")]
    [InlineData("casualties", "casualty")]
    [InlineData("running", "run")]
    [InlineData("hoped", "hope")]
    [InlineData("election", "elected")]
    [InlineData("minister's", "minister")]
    public void Merges_forms_of_one_word(string a, string b)
    {
        Assert.Equal(Stemmer.Stem(b), Stemmer.Stem(a));
    }

    [Theory]
    [InlineData("police", "policy")]
    [InlineData("port", "portion")]
    [InlineData("million", "mill")]
    [InlineData("organ", "organization")]
    public void Keeps_different_words_apart(string a, string b)
    {
        Assert.NotEqual(Stemmer.Stem(b), Stemmer.Stem(a));
    }

    [Fact]
    public void Leaves_short_words_and_numbers_alone()
    {
        Assert.Equal("gas", Stemmer.Stem("gas"));
        Assert.Equal("40000", Stemmer.Stem("40000"));
    }
}

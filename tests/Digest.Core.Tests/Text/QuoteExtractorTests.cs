using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class QuoteExtractorTests
{
    [Fact]
    public void Speaker_after_the_quote_resolves_surname_to_full_name()
    {
        var quotes = QuoteExtractor.Find("Envoy Marta Quill met both sides. \u201CThe gaps are narrow and they can be closed,\u201D Quill told reporters.");
        var quote = Assert.Single(quotes);
        Assert.Equal("The gaps are narrow and they can be closed", quote.Text);
        Assert.Equal("Marta Quill", quote.Speaker);
    }

    [Fact]
    public void Verb_first_attribution_and_pronouns()
    {
        var quotes = QuoteExtractor.Find(
            "Union leader Priya Nandal spoke at the gate. \"It is not everything we asked for,\" said Nandal. \"But it is a fair result for all of us,\" she added.");
        Assert.Equal(2, quotes.Count);
        Assert.Equal("Priya Nandal", quotes[0].Speaker);
        Assert.Equal("Priya Nandal", quotes[1].Speaker);
    }

    [Fact]
    public void Speaker_before_the_quote()
    {
        var quote = Assert.Single(QuoteExtractor.Find("Tobias Wren said: \"Customers deserve the full truth, quickly.\""));
        Assert.Equal("Tobias Wren", quote.Speaker);
    }

    [Fact]
    public void Scare_quotes_are_not_quotes_and_unattributed_quotes_have_no_speaker()
    {
        Assert.Empty(QuoteExtractor.Find("The so-called \"deal\" collapsed."));
        var quote = Assert.Single(QuoteExtractor.Find("A sign read \"no entry for anyone after dark\" on the gate."));
        Assert.Null(quote.Speaker);
    }
}

using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class NumberExtractorTests
{
    [Fact]
    public void Reads_values_multipliers_and_context()
    {
        var mentions = NumberExtractor.Find("At least 40,000 people have been killed and 1.2 million displaced.");
        Assert.Equal(2, mentions.Count);
        Assert.Equal(40_000, mentions[0].Value);
        Assert.Equal("40,000", mentions[0].Written);
        Assert.Contains("kill", mentions[0].Context);
        Assert.Contains("killed", mentions[0].ContextWords);
        Assert.Equal(1_200_000, mentions[1].Value);
        Assert.Equal("1.2 million", mentions[1].Written);
    }

    [Fact]
    public void Ignores_years_and_dates()
    {
        Assert.Empty(NumberExtractor.Find("In 2024 the plan, first drafted on Oct. 3, was dropped on March 14."));
    }
}

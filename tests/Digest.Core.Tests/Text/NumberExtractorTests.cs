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

    [Theory]
    [InlineData("A guarantee for 310 operator jobs at the terminal was agreed.", "operator jobs", "job", false)]
    [InlineData("The offer rose to 5.5% on Wednesday.", "per cent", "per cent", true)]
    [InlineData("The offer rose to 5.5 per cent on Wednesday.", "per cent", "per cent", true)]
    [InlineData("The gauge read 4.62 metres at noon.", "metres", "metres", true)]
    [InlineData("The strike costs \u20AC3 million a day.", "euros", "euros", true)]
    [InlineData("She has driven a crane for 26 years now.", "years", "year", false)]
    [InlineData("Some 620 residents have left, the mayor said.", "residents", "peopl", false)]
    [InlineData("The count rose to 1,150.", "", "", false)]
    public void Reads_the_unit_written_after_the_number(string sentence, string unit, string key, bool isMeasure)
    {
        var mention = NumberExtractor.Find(sentence)[0];
        Assert.Equal(unit, mention.Unit);
        Assert.Equal(key, mention.UnitKey);
        Assert.Equal(isMeasure, mention.IsMeasure);
    }

    [Fact]
    public void Participles_and_time_words_are_not_units()
    {
        Assert.Equal("people", NumberExtractor.Find("About 340 people evacuated their homes.")[0].Unit);
        Assert.Equal(string.Empty, NumberExtractor.Find("There were 31 ships, up from 23 yesterday.")[1].Unit);
    }

    [Fact]
    public void Marks_the_value_a_change_started_from()
    {
        var mentions = NumberExtractor.Find("The crisis staff said 620 residents had left, up from about 340 in the morning.");
        Assert.False(mentions[0].IsPreviousValue);
        Assert.True(mentions[1].IsPreviousValue);
        Assert.Equal(["had", "left"], mentions[0].Following);
    }
}

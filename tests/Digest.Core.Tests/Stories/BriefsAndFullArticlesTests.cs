using Digest.Core.Coverage;
using Digest.Core.Stories;

namespace Digest.Core.Tests.Stories;

/// <summary>
/// A full article carries the background that ties a development weeks later to its story; a brief (a headline and a lead,
/// as a feed summary or a public data set's snippet is) only tells the day's event. The failure class: a lead that reads
/// like an older story's lead was joined to it across days, merging distinct developments that each deserve a story,
/// while full follow-ups after a quiet spell of two weeks were split off.
/// </summary>
public class BriefsAndFullArticlesTests
{
    private static readonly StoryOptions Options = new();
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private const string InquiryOpens =
        "An independent inquiry into the sinking of the ferry Morrow Star opened in Lundby on Monday, five months after the "
        + "vessel capsized in a storm off the Hesk islands with 212 people on board. Judge Amalie Strand, who leads the inquiry, "
        + "said it would examine the ship's loading records, the crew's training and the decision to sail despite a gale warning. "
        + "Forty-one passengers and crew died in the sinking, the worst ferry disaster in the country for half a century. "
        + "Relatives of the victims filled the public gallery of the old customs hall where the hearings are held. "
        + "\u201CWe have waited five months for someone to ask the questions out loud,\u201D said Oskar Vinde, whose daughter was "
        + "among the dead. The ferry's operator, Hesk Line, has said it is cooperating fully. Its chief executive, Petra Lunn, is "
        + "due to give evidence later in the autumn. The maritime authority withdrew the Morrow Star's sister ship from service "
        + "in the spring after inspectors found faults in its bow doors. The inquiry expects to hear from about 90 witnesses, "
        + "including surviving passengers, coastguard officers and the naval architects who designed the ship, and to report "
        + "by next summer.";

    private const string CaptainTestifies =
        "The captain of the ferry Morrow Star told the Lundby inquiry on Friday that he had been assured the bow doors were "
        + "sealed before the ship left port on the night it capsized off the Hesk islands. Captain Jens Halvik, giving evidence "
        + "for the first time, said a deck officer had reported the doors closed and locked twenty minutes before departure. "
        + "\u201CI had no reason to doubt it,\u201D he told Judge Amalie Strand. The inquiry, which opened two weeks ago, is "
        + "examining why the ferry sailed despite a gale warning and how 41 of the 212 people on board died. Halvik said the "
        + "forecast had not been worse than on many crossings he had made in eleven years with Hesk Line. Relatives of the "
        + "victims, who have attended every hearing in the old customs hall, left the room when he described the last minutes "
        + "on the bridge. Earlier witnesses, among them two coastguard officers, said the first distress call came only after "
        + "the ship had begun to list. The maritime authority's inspectors, who found faults in the bow doors of the sister "
        + "ship in the spring, are due to testify next week. Hesk Line's chief executive, Petra Lunn, is expected in November.";

    private const string RowingBrief =
        "The Lundby rowing club won the national eights title on Sunday, beating the holders from Skarne by half a length "
        + "on the river course in heavy rain.";

    private static CoverageDocument Article(string id, int day, double hours, string title, string text)
        => new(id, "Lundby Courier", title, text, Start.AddDays(day).AddHours(hours));

    /// <summary>A headline and lead only: the first sentence of the article, as a feed summary gives it.</summary>
    private static string LeadOf(string text) => text[..(text.IndexOf(". ", StringComparison.Ordinal) + 1)];

    private static StoryClusterer ClustererWithBackground()
    {
        var clusterer = new StoryClusterer(Options);
        // Other news read earlier, for the document frequencies a running clusterer has.
        for (var i = 0; i < 20; i++)
        {
            clusterer.CountFrequencies(ArticleFeatures.Create(
                Article("bg" + i, -30, i, "Regional news " + i, RowingBrief + " Club " + i + " finished " + i + "th."), Options));
        }

        return clusterer;
    }

    [Fact]
    public void A_full_follow_up_two_weeks_later_joins_its_story()
    {
        var clusterer = ClustererWithBackground();
        var opened = clusterer.Assign(ArticleFeatures.Create(Article("i1", 0, 0, "Ferry disaster inquiry opens in Lundby", InquiryOpens), Options));
        var testimony = clusterer.Assign(ArticleFeatures.Create(
            Article("i2", 12, 0, "Morrow Star captain tells inquiry bow doors were reported sealed", CaptainTestifies), Options));

        Assert.True(opened.IsNewStory);
        Assert.Equal(opened.StoryId, testimony.StoryId);
        Assert.False(testimony.IsNearDuplicate);
    }

    [Fact]
    public void A_brief_joins_the_coverage_of_its_own_day_but_not_a_story_from_days_before()
    {
        var clusterer = ClustererWithBackground();
        var opened = clusterer.Assign(ArticleFeatures.Create(Article("i1", 0, 0, "Ferry disaster inquiry opens in Lundby", InquiryOpens), Options));
        var sameDay = clusterer.Assign(ArticleFeatures.Create(
            Article("b1", 0, 2, "Morrow Star inquiry opens", LeadOf(InquiryOpens)), Options));
        var daysLater = clusterer.Assign(ArticleFeatures.Create(
            Article("b2", 12, 0, "Morrow Star captain testifies", LeadOf(CaptainTestifies)), Options));

        Assert.True(ArticleFeatures.Create(Article("x", 0, 0, "t", LeadOf(CaptainTestifies)), Options).Words < Options.BridgeWords);
        Assert.True(ArticleFeatures.Create(Article("x", 0, 0, "t", CaptainTestifies), Options).Words >= Options.BridgeWords);
        Assert.Equal(opened.StoryId, sameDay.StoryId);
        Assert.True(daysLater.IsNewStory, "a lead alone, twelve days on, cannot tell a new development from another event");
    }
}

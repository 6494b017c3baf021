using Digest.Core.Stories;

namespace Digest.Core.Tests.Stories;

public sealed class StorySampleTests
{
    private static List<string> Ids(int count) => Enumerable.Range(0, count).Select(i => "a" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void A_story_within_the_bound_is_read_whole()
    {
        var ids = Ids(StorySample.MaxArticles);

        Assert.Equal(ids, StorySample.Select(ids, [ids[3], ids[4]]));
    }

    [Fact]
    public void A_larger_story_is_sampled_as_its_earliest_originals_and_its_latest_members_in_joining_order()
    {
        var ids = Ids(100);
        var copies = ids.Where((_, i) => i % 2 == 1).ToList();

        var sample = StorySample.Select(ids, copies, maxArticles: 8);

        Assert.Equal(["a0000", "a0002", "a0004", "a0006", "a0096", "a0097", "a0098", "a0099"], sample);
    }

    [Fact]
    public void A_story_of_copies_keeps_its_first_article_and_stays_within_the_bound()
    {
        var ids = Ids(1000);

        var sample = StorySample.Select(ids, ids.Skip(1).ToList());

        Assert.Equal("a0000", sample[0]);
        Assert.InRange(sample.Count, 2, StorySample.MaxArticles);
        Assert.Equal(ids.TakeLast(StorySample.MaxArticles / 2), sample.Skip(1));
    }
}

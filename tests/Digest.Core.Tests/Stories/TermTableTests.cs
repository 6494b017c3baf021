using Digest.Core.Stories;

namespace Digest.Core.Tests.Stories;

public class TermTableTests
{
    /// <summary>
    /// The clusterer weighs and joins the objects <see cref="TermTable.AddAndIntern{T}"/> returns instead of looking their
    /// texts up again: each must be what a lookup would give, also when the bound forgets terms of this very article.
    /// </summary>
    [Fact]
    public void Interned_terms_are_those_a_lookup_gives_even_when_the_bound_forgets_them_at_once()
    {
        var table = new TermTable(maxTerms: 1000);
        var sharedWords = Enumerable.Range(0, 50).ToDictionary(i => "common" + i, _ => 1.0);
        for (var article = 0; article < 5; article++)
        {
            table.AddAndIntern(sharedWords);
        }

        // 1,200 words seen once: over the bound, so the rarest (these) are forgotten while this article is counted.
        var rare = Enumerable.Range(0, 1200).ToDictionary(i => "rare" + i, _ => 1.0);
        foreach (var (text, _) in sharedWords.Take(3))
        {
            rare[text] = 1;
        }

        var interned = table.AddAndIntern(rare);

        Assert.Equal(rare.Count, interned.Length);
        Assert.Equal(rare.Keys, interned.Select(t => t.Text));
        var forgotten = 0;
        foreach (var term in interned)
        {
            var found = table.Find(term.Text);
            if (term.Removed)
            {
                forgotten++;
                Assert.Null(found);
            }
            else
            {
                Assert.Same(term, found);
            }
        }

        Assert.True(forgotten > 0, "the bound forgot some of the article's own terms");
        Assert.All(interned.Where(t => t.Text.StartsWith("common", StringComparison.Ordinal)), t => Assert.False(t.Removed));
        Assert.NotSame(interned.First(t => t.Removed), table.Intern(interned.First(t => t.Removed).Text));
    }

    /// <summary>
    /// The bound forgets the rarest terms, raising the cut-off one count at a time until at most 80 % of the cap is left:
    /// here 101 terms seen once, 600 twice and 300 three times against a cap of 1,000: forgetting those seen once leaves
    /// 900, so those seen twice go too.
    /// </summary>
    [Fact]
    public void The_bound_forgets_the_rarest_counts_until_four_fifths_of_the_cap_remain()
    {
        var table = new TermTable(maxTerms: 1000);
        void Count(string prefix, int terms, int times)
        {
            for (var time = 0; time < times; time++)
            {
                table.Add(Enumerable.Range(0, terms).Select(i => prefix + i));
            }
        }

        Count("thrice", 300, 3);
        Count("twice", 600, 2);
        Count("once", 99, 1);
        Assert.Equal(999, table.Counts.Count());

        Count("last", 1, 1);
        Count("more", 1, 1);

        var left = table.Counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Assert.Equal(300, left.Count);
        Assert.All(left, p => Assert.Equal(3, p.Value));
        Assert.Null(table.Find("twice0"));
        Assert.Equal(3, table.Find("thrice7")!.Count);
    }
}

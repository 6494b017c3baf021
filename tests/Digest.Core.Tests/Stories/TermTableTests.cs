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
}

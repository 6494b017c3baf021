using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class EntityFinderTests
{
    [Fact]
    public void Finds_multiword_names_and_drops_titles_and_sentence_openers()
    {
        var entities = EntityFinder.Find(
            "The talks resumed in Lisk on Monday. Interior Minister Dana Orlov met envoy Marta Quill of the Bank of Aldmere. Officials said little.");
        Assert.Contains("lisk", entities);
        Assert.Contains("dana orlov", entities);
        Assert.Contains("marta quill", entities);
        Assert.Contains("bank of aldmere", entities);
        Assert.DoesNotContain("the", entities);
        Assert.DoesNotContain("monday", entities);
        Assert.DoesNotContain("officials", entities);
    }

    [Fact]
    public void A_comma_ends_a_name()
    {
        var entities = EntityFinder.Find("He flew to Brask, Carsolia and back.");
        Assert.Contains("brask", entities);
        Assert.Contains("carsolia", entities);
        Assert.DoesNotContain("brask carsolia", entities);
    }

    [Fact]
    public void Possessives_are_stripped()
    {
        Assert.Contains("dana orlov", EntityFinder.Find("They criticised Dana Orlov's plan."));
    }
}

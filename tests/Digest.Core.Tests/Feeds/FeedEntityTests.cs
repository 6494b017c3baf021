using System.Diagnostics;
using Digest.Core.Feeds;
using static Digest.Core.Tests.Feeds.FeedTestData;

namespace Digest.Core.Tests.Feeds;

/// <summary>Entities declared in an internal DTD subset: expanded within a small limit, never resolved from outside.</summary>
public sealed class FeedEntityTests
{
    [Fact]
    public void Entities_declared_in_the_internal_subset_are_expanded()
    {
        var feed = Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY paper "Harbour &amp; Quay Gazette">
              <!ENTITY copy "&#169;">
              <!-- a comment with a 'quote' and the word SYSTEM -->
            ]>
            <rss version="0.92"><channel><title>&paper;</title>
              <item><title>&copy; 2026 &paper; &eacute;dition</title><link>https://harbour.example/1</link></item>
            </channel></rss>
            """);

        Assert.Equal("Harbour & Quay Gazette", feed.Title);
        Assert.Equal("© 2026 Harbour & Quay Gazette édition", feed.Items[0].Title);
    }

    [Fact]
    public void A_billion_laughs_bomb_is_refused_quickly()
    {
        var levels = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">\n"));
        var document = $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY l0 "lol">
              {levels}
            ]>
            <rss version="2.0"><channel><title>&l9;</title></channel></rss>
            """;

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<FeedFormatException>(() => Parse(document));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Contains(FeedUri.AbsoluteUri, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quadratic_blowup_is_refused()
    {
        var big = new string('x', 50_000);
        var references = string.Concat(Enumerable.Repeat("&big;", 1_000));
        var document = $"""<!DOCTYPE rss [ <!ENTITY big "{big}"> ]><rss version="2.0"><channel><title>{references}</title></channel></rss>""";

        Assert.Throws<FeedFormatException>(() => Parse(document));
    }

    [Fact]
    public void Expansion_under_the_limit_is_fine()
    {
        var document = $"""<!DOCTYPE rss [ <!ENTITY w "wave "> ]><rss version="2.0"><channel><title>{string.Concat(Enumerable.Repeat("&w;", 1000))}</title></channel></rss>""";

        Assert.Equal(4999, Parse(document).Title!.Length);
    }

    [Fact]
    public void A_parameter_entity_disables_expansion_so_it_cannot_smuggle_an_external_declaration()
    {
        var document = """
            <!DOCTYPE rss [
              <!ENTITY % decl "&#60;!ENTITY leak SYSTEM 'file:///etc/hostname'>">
              %decl;
            ]>
            <rss version="2.0"><channel><title>&leak;</title></channel></rss>
            """;

        var error = Assert.Throws<FeedFormatException>(() => Parse(document));
        Assert.Contains("leak", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_beside_internal_ones_keeps_all_of_them_unexpanded()
    {
        var document = """
            <!DOCTYPE rss [ <!ENTITY name "Gazette"> <!ENTITY ext SYSTEM "file:///etc/hostname"> ]>
            <rss version="2.0"><channel><title>&name;</title></channel></rss>
            """;

        Assert.Throws<FeedFormatException>(() => Parse(document));
    }
}

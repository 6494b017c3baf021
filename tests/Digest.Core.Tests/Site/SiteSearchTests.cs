using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Digest.Core.Site;
using static Digest.Core.Tests.Site.SiteGeneratorTests;

namespace Digest.Core.Tests.Site;

public sealed partial class SiteSearchTests
{
    [Fact]
    public void The_search_page_allows_exactly_its_own_script_by_hash_and_nothing_else()
    {
        var page = SiteGeneratorTests.Text(Generate().Single(p => p.Path == SiteSearch.PagePath));

        var scripts = ScriptElement().Matches(page);
        var script = Assert.Single(scripts).Groups[1].Value;
        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'";
        var policy = Policy().Match(page).Groups[1].Value;
        Assert.Equal($"default-src 'none'; style-src 'unsafe-inline'; img-src https:; script-src {hash}; connect-src 'self'", policy);
        // Results are built as text, never parsed as HTML.
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        Assert.Contains("<label for=\"q\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_holds_each_story_with_its_text_and_page_and_a_hostile_title_stays_data()
    {
        var index = Generate().Single(p => p.Path == SiteSearch.IndexPath);

        var text = Encoding.UTF8.GetString(index.Content.Span);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(index.Content);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.StartsWith("<script>", entry.GetProperty("t").GetString(), StringComparison.Ordinal);
        Assert.Equal(SitePaths.Story("s-1"), entry.GetProperty("p").GetString());
        Assert.True(entry.GetProperty("x").GetString()!.Length <= SiteSearch.MaxTextPerStory);
    }

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex("http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"")]
    private static partial Regex Policy();
}

using Digest.Core.Site;

namespace Digest.Core.Tests.Site;

public sealed class SitePathsTests
{
    [Fact]
    public void Paths_follow_the_url_contract()
    {
        Assert.Equal("index.html", SitePaths.Home);
        Assert.Equal("feed.atom", SitePaths.Feed);
        Assert.Equal("briefings/2026-06-03/index.html", SitePaths.Briefing(new DateOnly(2026, 6, 3)));
        Assert.Equal("stories/s-0123456789abcdef/index.html", SitePaths.Story("s-0123456789abcdef"));
        Assert.Equal("outlets/0123456789abcdef/index.html", SitePaths.Outlet("0123456789abcdef"));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("A")]
    [InlineData("")]
    [InlineData("x y")]
    [InlineData("s-1\\..")]
    public void Unsafe_ids_are_refused(string id)
    {
        Assert.Throws<ArgumentException>(() => SitePaths.Story(id));
        Assert.Throws<ArgumentException>(() => SitePaths.Outlet(id));
    }

    [Theory]
    [InlineData("index.html", "index.html", "index.html")]
    [InlineData("index.html", "briefings/2026-06-03/index.html", "briefings/2026-06-03/index.html")]
    [InlineData("briefings/2026-06-03/index.html", "index.html", "../../index.html")]
    [InlineData("briefings/2026-06-03/index.html", "stories/s-1/index.html", "../../stories/s-1/index.html")]
    [InlineData("briefings/2026-06-03/index.html", "briefings/2026-06-02/index.html", "../2026-06-02/index.html")]
    [InlineData("stories/s-1/index.html", "stories/s-1/index.html", "index.html")]
    [InlineData("stories/s-1/index.html", "feed.atom", "../../feed.atom")]
    public void Relative_links_climb_out_of_unshared_folders(string from, string to, string expected)
        => Assert.Equal(expected, SitePaths.Relative(from, to));

    [Theory]
    [InlineData("/index.html")]
    [InlineData("../index.html")]
    [InlineData("stories//index.html")]
    [InlineData("https://example.org/index.html")]
    public void Relative_refuses_what_is_not_a_site_path(string path)
        => Assert.Throws<ArgumentException>(() => SitePaths.Relative(path, SitePaths.Home));

    [Theory]
    [InlineData("stories/s-1/index.html", "index.html", "../../index.html")]
    [InlineData(SitePaths.NotFound, "index.html", "/index.html")]
    [InlineData(SitePaths.NotFound, "search/index.html", "/search/index.html")]
    public void Links_are_relative_except_from_the_not_found_page_which_any_address_can_show(string from, string to, string expected)
        => Assert.Equal(expected, SitePaths.Link(from, to));
}

using Digest.Core.Sources;

namespace Digest.Core.Tests.Sources;

public sealed class PublicationBoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromHours(48);

    [Fact]
    public void A_claim_within_the_bounds_is_believed()
        => Assert.Equal((Now.AddHours(-5), (DateTimeOffset?)null), PublicationBound.Bound(Now.AddHours(-5), Now, Now, followedBefore: true, Tolerance));

    [Fact]
    public void A_back_dated_claim_on_a_followed_source_is_bounded_by_the_first_sighting()
        => Assert.Equal((Now - Tolerance, (DateTimeOffset?)Now.AddDays(-30)),
            PublicationBound.Bound(Now.AddDays(-30), Now, Now, followedBefore: true, Tolerance));

    [Fact]
    public void A_future_claim_is_dated_when_it_was_fetched()
        => Assert.Equal((Now, (DateTimeOffset?)Now.AddYears(1)), PublicationBound.Bound(Now.AddYears(1), Now, Now, followedBefore: false, Tolerance));

    [Theory]
    [InlineData(1)]
    [InlineData(1900)]
    public void A_claim_from_before_any_web_page_is_not_believed_even_on_a_first_read(int year)
    {
        // Regression: a page dated 0001-01-01 on a source's first read was archived so, and made the fold's rewind
        // arithmetic run off the start of the calendar on every run.
        var claimed = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal((Now, (DateTimeOffset?)claimed), PublicationBound.Bound(claimed, Now, Now, followedBefore: false, Tolerance));
    }
}

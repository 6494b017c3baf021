using System.Text;
using Digest.Infrastructure.Hosting.Api;

namespace Digest.Infrastructure.Tests.Hosting;

/// <summary>The manual run's body is read field by field: anything unexpected is a 400 with a reason, never a guess.</summary>
public sealed class ManualRunBodyTests
{
    [Theory]
    [InlineData("""{"requestId": "r-1"}""", "r-1", null, null, false, null)]
    [InlineData("""{"requestId": "r-2", "date": "2026-03-12", "windowHours": 12, "dryRun": true, "recipient": "Ed <ed@example.org>"}""",
        "r-2", "2026-03-12", 12.0, true, "ed@example.org")]
    public void A_valid_body_is_read(string body, string id, string? date, double? hours, bool dryRun, string? recipient)
    {
        Assert.True(ManualRunBody.TryParse(Encoding.UTF8.GetBytes(body), out var request, out var error), error);
        Assert.Equal(id, request.RequestId);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), request.Date);
        Assert.Equal(hours is null ? null : TimeSpan.FromHours(hours.Value), request.Window);
        Assert.Equal(dryRun, request.DryRun);
        Assert.Equal(recipient, request.Recipient);
    }

    [Theory]
    [InlineData("not json", "JSON object")]
    [InlineData("[1]", "JSON object")]
    [InlineData("""{"date": "2026-03-12"}""", "requestId is required")]
    [InlineData("""{"requestId": ""}""", "requestId must be")]
    [InlineData("""{"requestId": "has space"}""", "requestId must be")]
    [InlineData("""{"requestId": "r\u001b[2J"}""", "requestId must be")]
    [InlineData("""{"requestId": "r", "date": "12/03/2026"}""", "yyyy-MM-dd")]
    [InlineData("""{"requestId": "r", "date": "1969-12-31"}""", "between 1970-01-01")]
    [InlineData("""{"requestId": "r", "windowHours": 0}""", "windowHours")]
    [InlineData("""{"requestId": "r", "windowHours": "24"}""", "windowHours")]
    [InlineData("""{"requestId": "r", "dryRun": "yes"}""", "dryRun")]
    [InlineData("""{"requestId": "r", "recipient": "a@example.org\r\nBcc: b@example.org"}""", "control character")]
    [InlineData("""{"requestId": "r", "recipient": "a@b@c"}""", "recipient must be one mail address")]
    [InlineData("""{"requestId": "r", "requestID": "s"}""", "unknown field")]
    public void A_bad_body_is_refused_with_its_reason(string body, string reason)
    {
        Assert.False(ManualRunBody.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Bcc", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_that_is_not_on_the_calendar_is_refused()
    {
        Assert.False(DigestApi.TryParseDate("2026-02-29", out _, out var error));
        Assert.Contains("yyyy-MM-dd", error, StringComparison.Ordinal);
        Assert.True(DigestApi.TryParseDate("2028-02-29", out var leap, out _));
        Assert.Equal(new DateOnly(2028, 2, 29), leap);
    }
}

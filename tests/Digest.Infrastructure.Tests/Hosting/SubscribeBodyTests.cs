using System.Text;
using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Hosting;

/// <summary>The subscribe body's shape, and the HTML pages' answer: fixed text, the pages' headers, nothing echoed.</summary>
public sealed class SubscribeBodyTests
{
    [Fact]
    public void A_full_body_is_read()
    {
        var body = """{"email": "a@example.org", "timeZone": "Europe/Berlin", "hour": 6, "keywords": ["x", "y"], "outlets": null}""";

        Assert.True(SubscribeBody.TryParse(Encoding.UTF8.GetBytes(body), out var request, out var error), error);
        Assert.Equal(new SubscribeBody("a@example.org", "Europe/Berlin", 6, request.Keywords, null), request);
        Assert.Equal(["x", "y"], request.Keywords!);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"timeZone": "UTC"}""")]
    [InlineData("""{"email": 1}""")]
    [InlineData("""{"email": "a@example.org", "hour": 6.5}""")]
    [InlineData("""{"email": "a@example.org", "hour": "6"}""")]
    [InlineData("""{"email": "a@example.org", "keywords": "x"}""")]
    [InlineData("""{"email": "a@example.org", "keywords": [1]}""")]
    [InlineData("""{"email": "a@example.org", "outlets": [["nested"]]}""")]
    [InlineData("""{"email": "a@example.org", "confirmed": true}""")]
    public void Anything_else_is_refused_without_echo(string body)
    {
        Assert.False(SubscribeBody.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.DoesNotContain("example.org", error, StringComparison.Ordinal);
        Assert.DoesNotContain("confirmed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_is_html_with_the_pages_headers()
    {
        var context = new DefaultHttpContext();
        var stream = new MemoryStream();
        context.Response.Body = stream;

        await ApiResponse.Page(StatusCodes.Status400BadRequest, "<!DOCTYPE html><p>x</p>").WriteAsync(context.Response);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        Assert.Equal(ApiResponse.PageSecurityPolicy, context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-referrer", context.Response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("<!DOCTYPE html><p>x</p>", Encoding.UTF8.GetString(stream.ToArray()));
    }
}

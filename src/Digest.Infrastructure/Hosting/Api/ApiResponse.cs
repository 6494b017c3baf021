using System.Text.Json;
using Digest.Core.Json;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Hosting.Api;

/// <summary>
/// One HTTP answer of the API, independent of the host: the Functions app and <c>digest serve</c> both write it with
/// <see cref="WriteAsync"/>, so status codes, bodies and headers are the same on both. Documents are serialized with
/// the archive's JSON options (the public contract); errors are RFC 9457 problem details. No header ever carries
/// text from outside: only the fixed content types below.
/// </summary>
public sealed record ApiResponse(int StatusCode, object? Body, string ContentType)
{
    public const string Json = "application/json; charset=utf-8";
    public const string ProblemJson = "application/problem+json; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";

    /// <summary>
    /// The pages' policy: no script, image, frame or fetch from anywhere, inline style only, forms only back to this
    /// origin; so even a mistake in escaping could not load or run anything.
    /// </summary>
    public const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    /// <summary>
    /// The page of the archive site that shows this document, sent as <c>Link: &lt;…&gt;; rel="alternate";
    /// type="text/html"</c> (only http(s): it is built from the configured site address and a checked id).
    /// </summary>
    public Uri? Alternate { get; init; }

    public static ApiResponse Ok(object body) => new(StatusCodes.Status200OK, body, Json);

    public static ApiResponse Accepted(object body) => new(StatusCodes.Status202Accepted, body, Json);

    /// <summary>An HTML page (the subscription links' pages); <paramref name="html"/> is a complete, escaped document.</summary>
    public static ApiResponse Page(int status, string html) => new(status, new HtmlPage(html), Html);

    /// <summary>Type <c>about:blank</c>: RFC 9457's choice when the status code says it all.</summary>
    public static ApiResponse Problem(int status, string title, string? detail = null)
        => new(status, new ProblemDetails("about:blank", title, status, detail), ProblemJson);

    public static ApiResponse NotFound(string? detail = null) => Problem(StatusCodes.Status404NotFound, "Not Found", detail);

    public static ApiResponse BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad Request", detail);

    /// <summary>Deliberately the same for a missing key, a wrong key and a key in the wrong place.</summary>
    public static ApiResponse Unauthorized() => Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
        "A valid function key is required (x-functions-key header or code query parameter).");

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        // The archive's JSON keeps '<' and '&' readable; a browser must never take it for HTML.
        response.Headers.XContentTypeOptions = "nosniff";
        if (Alternate is { IsAbsoluteUri: true } alternate && (alternate.Scheme == Uri.UriSchemeHttps || alternate.Scheme == Uri.UriSchemeHttp))
        {
            response.Headers.Link = $"<{alternate.AbsoluteUri}>; rel=\"alternate\"; type=\"text/html\"";
        }

        if (Body is HtmlPage page)
        {
            response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
            // The token is in the page's address; no link or form on it may hand that address to anyone else.
            response.Headers["Referrer-Policy"] = "no-referrer";
            await response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(page.Html), cancellationToken);
        }
        else if (Body is not null)
        {
            await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), DigestJson.Options, cancellationToken);
        }
    }
}

/// <summary>A complete HTML document, written as it is.</summary>
public sealed record HtmlPage(string Html);

/// <summary>RFC 9457 problem details.</summary>
public sealed record ProblemDetails(string Type, string Title, int Status, string? Detail);

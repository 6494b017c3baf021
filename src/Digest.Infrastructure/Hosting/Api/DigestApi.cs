using System.Globalization;
using System.Text.Json;
using Digest.Core.Archive;
using Digest.Core.Briefings;
using Digest.Core.Mail;
using Digest.Core.Subscribers;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Hosting.Api;

/// <summary>
/// The HTTP API's routes (README, "HTTP API"), host-neutral: the Functions app and <c>digest serve</c> map their routes
/// onto these methods and write the <see cref="ApiResponse"/> they return. Everything in a request is hostile: dates,
/// ids and bodies are checked here, and no request text is echoed back.
/// </summary>
/// <param name="site">Where the archive site is served (<c>Digest:SiteBaseUrl</c>): a briefing's and a story's answer link
/// their page there. Null: no link.</param>
public sealed class DigestApi(ArchiveQueries archive, BriefingRuns runs, SubscriptionFlow subscriptions, Uri? site = null)
{
    /// <summary>Larger manual-run bodies are refused: the real one is a few dozen bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public const int MaxRequestIdLength = 128;

    /// <summary><c>GET /api/briefings</c>: <c>{"briefings": ["2026-12-01", …]}</c>, newest first.</summary>
    public async Task<ApiResponse> ListBriefingsAsync(CancellationToken cancellationToken)
    {
        var dates = await archive.ListBriefingsAsync(cancellationToken);
        return ApiResponse.Ok(new BriefingList([.. dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]));
    }

    /// <summary><c>GET /api/briefings/{date}</c>: the archived briefing JSON.</summary>
    public async Task<ApiResponse> GetBriefingAsync(string? date, CancellationToken cancellationToken)
    {
        if (!TryParseDate(date, out var day, out var error))
        {
            return ApiResponse.BadRequest(error);
        }

        return await archive.GetBriefingAsync(day, cancellationToken) is { } briefing
            ? ApiResponse.Ok(briefing) with { Alternate = SitePage(Core.Site.SitePaths.Briefing(day)) }
            : ApiResponse.NotFound("There is no briefing for that date.");
    }

    /// <summary><c>GET /api/stories/{id}</c>.</summary>
    public async Task<ApiResponse> GetStoryAsync(string? id, CancellationToken cancellationToken)
        => await archive.GetStoryAsync(id ?? "", cancellationToken) is { } story
            ? ApiResponse.Ok(story) with { Alternate = SitePage(Core.Site.SitePaths.Story(story.Id)) }
            : ApiResponse.NotFound("There is no story with that id.");

    /// <summary>The folder address of a site page (<c>…/stories/&lt;id&gt;/</c>), as the static website serves it.</summary>
    private Uri? SitePage(string sitePath)
        => site is null ? null : new Uri(site, sitePath[..^Core.Site.SitePaths.Home.Length]);

    /// <summary><c>GET /api/articles/{id}</c>.</summary>
    public async Task<ApiResponse> GetArticleAsync(string? id, CancellationToken cancellationToken)
        => await archive.GetArticleAsync(id ?? "", cancellationToken) is { } article
            ? ApiResponse.Ok(article)
            : ApiResponse.NotFound("There is no article with that id.");

    /// <summary><c>GET /api/sources</c>: <c>{"sources": [{sourceId, name, url, status, lastSuccess, …}]}</c>.</summary>
    public async Task<ApiResponse> SourcesAsync(CancellationToken cancellationToken)
        => ApiResponse.Ok(new SourceList(await archive.SourcesAsync(cancellationToken)));

    /// <summary>
    /// <c>POST /api/briefings/run</c> with <c>{"requestId", "date"?, "windowHours"?, "dryRun"?, "recipient"?}</c>: 200
    /// with the run's result; the same <c>requestId</c> again gets the first result (<c>replayed: true</c>) and sends
    /// nothing; 409 while the first is still running; 400 for a bad body.
    /// </summary>
    public async Task<ApiResponse> RunBriefingAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var content = await ReadBoundedAsync(body, cancellationToken);
        if (content is null)
        {
            return ApiResponse.BadRequest(string.Create(CultureInfo.InvariantCulture, $"The body is larger than {MaxBodyBytes} bytes."));
        }

        if (!ManualRunBody.TryParse(content, out var request, out var error))
        {
            return ApiResponse.BadRequest(error);
        }

        var outcome = await runs.RunManualAsync(request, cancellationToken);
        return outcome.Status switch
        {
            ManualRunStatus.Ran or ManualRunStatus.Replayed => ApiResponse.Ok(outcome.Result!),
            ManualRunStatus.InProgress => ApiResponse.Problem(StatusCodes.Status409Conflict, "Conflict", outcome.Error),
            _ => ApiResponse.BadRequest(outcome.Error ?? "The request is not valid."),
        };
    }

    /// <summary>
    /// <c>POST /api/subscribers</c> with <c>{"email", "timeZone"?, "hour"?, "keywords"?, "outlets"?}</c>: 202
    /// <c>{"status": "check your inbox"}</c> for every well-formed request, whether the address is new, pending,
    /// confirmed or suppressed; 400 for a malformed one.
    /// </summary>
    public async Task<ApiResponse> SubscribeAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var content = await ReadBoundedAsync(body, cancellationToken);
        if (content is null)
        {
            return ApiResponse.BadRequest(string.Create(CultureInfo.InvariantCulture, $"The body is larger than {MaxBodyBytes} bytes."));
        }

        if (!SubscribeBody.TryParse(content, out var request, out var error))
        {
            return ApiResponse.BadRequest(error);
        }

        var result = await subscriptions.SubscribeAsync(request.Email, request.TimeZone, request.Hour, request.Keywords, request.Outlets,
            cancellationToken);
        return result.IsAccepted ? ApiResponse.Accepted(new SubscribeAnswer("check your inbox")) : ApiResponse.BadRequest(result.Error!);
    }

    /// <summary><c>GET /api/subscribers/confirm?token=</c>: a page with the button that POSTs; changes nothing.</summary>
    public ApiResponse ConfirmPage(string? token)
        => subscriptions.IsValid(token, TokenPurpose.Confirm) ? SubscriptionPages.ConfirmButton() : SubscriptionPages.InvalidLink();

    /// <summary><c>POST /api/subscribers/confirm?token=</c>: confirms.</summary>
    public async Task<ApiResponse> ConfirmAsync(string? token, CancellationToken cancellationToken)
        => await subscriptions.ConfirmAsync(token, cancellationToken) ? SubscriptionPages.Confirmed() : SubscriptionPages.InvalidLink();

    /// <summary><c>GET /api/subscribers/unsubscribe?token=</c>: a page with the button that POSTs; changes nothing.</summary>
    public ApiResponse UnsubscribePage(string? token)
        => subscriptions.IsValid(token, TokenPurpose.Unsubscribe) ? SubscriptionPages.UnsubscribeButton() : SubscriptionPages.InvalidLink();

    /// <summary>
    /// <c>POST /api/subscribers/unsubscribe?token=</c>: unsubscribes. Also RFC 8058's one-click POST (body
    /// <c>List-Unsubscribe=One-Click</c>), so the body is not needed and not read: the token is the whole credential.
    /// </summary>
    public async Task<ApiResponse> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
        => await subscriptions.UnsubscribeAsync(token, cancellationToken) ? SubscriptionPages.Unsubscribed() : SubscriptionPages.InvalidLink();

    /// <summary>The <c>token</c> query parameter when it is given exactly once; a repeated one is as good as none.</summary>
    public static string? TokenOf(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue("token", out var values) && values.Count == 1 ? values[0] : null;
    }

    /// <summary>A date is exactly <c>yyyy-MM-dd</c>, a real calendar day between 1970 and 2199, as <c>--now</c> is bounded.</summary>
    public static bool TryParseDate(string? text, out DateOnly date, out string error)
    {
        error = "";
        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            date = default;
            error = "date must be a calendar date written yyyy-MM-dd, e.g. 2026-12-01.";
            return false;
        }

        if (date.Year is < 1970 or > 2199)
        {
            error = "date must lie between 1970-01-01 and 2199-12-31.";
            return false;
        }

        return true;
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record BriefingList(IReadOnlyList<string> Briefings);

    private sealed record SourceList(IReadOnlyList<SourceHealth> Sources);

    private sealed record SubscribeAnswer(string Status);
}

/// <summary>The manual run's body, read field by field so that an unknown or mistyped field is refused, not ignored.</summary>
internal static class ManualRunBody
{
    public static bool TryParse(byte[] content, out ManualRunRequest request, out string error)
    {
        request = null!;
        error = "";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            error = "The body must be a JSON object: {\"requestId\": \"…\", \"date\": \"yyyy-MM-dd\", \"windowHours\": 24, \"dryRun\": false, \"recipient\": \"…\"}.";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The body must be a JSON object.";
                return false;
            }

            string? requestId = null;
            DateOnly? date = null;
            TimeSpan? window = null;
            var dryRun = false;
            string? recipient = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var ok = property.Name switch
                {
                    "requestId" => TryRequestId(property.Value, out requestId, out error),
                    "date" => TryDate(property.Value, out date, out error),
                    "windowHours" => TryWindow(property.Value, out window, out error),
                    "dryRun" => TryBool(property.Value, out dryRun, out error),
                    "recipient" => TryRecipient(property.Value, out recipient, out error),
                    _ => Fail(out error, "unknown field: the body may hold requestId, date, windowHours, dryRun and recipient."),
                };
                if (!ok)
                {
                    return false;
                }
            }

            if (requestId is null)
            {
                error = "requestId is required: a run is idempotent by it.";
                return false;
            }

            request = new ManualRunRequest(requestId, date, window, dryRun, recipient);
            return true;
        }
    }

    /// <summary>Printable ASCII without spaces: the id reaches logs and only its hash reaches storage.</summary>
    private static bool TryRequestId(JsonElement value, out string? requestId, out string error)
    {
        requestId = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (requestId is not { Length: > 0 and <= DigestApi.MaxRequestIdLength } || requestId.Any(c => c is <= ' ' or > '~'))
        {
            requestId = null;
            return Fail(out error, string.Create(CultureInfo.InvariantCulture,
                $"requestId must be a string of 1 to {DigestApi.MaxRequestIdLength} printable ASCII characters without spaces."));
        }

        error = "";
        return true;
    }

    private static bool TryDate(JsonElement value, out DateOnly? date, out string error)
    {
        date = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            error = "";
            return true;
        }

        if (DigestApi.TryParseDate(value.ValueKind == JsonValueKind.String ? value.GetString() : null, out var day, out error))
        {
            date = day;
            return true;
        }

        return false;
    }

    private static bool TryWindow(JsonElement value, out TimeSpan? window, out string error)
    {
        window = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var hours) || hours is <= 0 or > 24 * 366)
        {
            return Fail(out error, "windowHours must be a number of hours above 0 and at most 8784.");
        }

        window = TimeSpan.FromHours(hours);
        error = "";
        return true;
    }

    private static bool TryBool(JsonElement value, out bool flag, out string error)
    {
        flag = value.ValueKind == JsonValueKind.True;
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? Fail(out error, "", ok: true)
            : Fail(out error, "dryRun must be true or false.");
    }

    /// <summary>The parser refuses control characters and line breaks, so the address can never split a mail header.</summary>
    private static bool TryRecipient(JsonElement value, out string? recipient, out string error)
    {
        recipient = null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null)
        {
            return Fail(out error, "recipient must be one mail address.");
        }

        if (!MailAddressParser.TryParse(text, out var address, out var reason))
        {
            return Fail(out error, $"recipient must be one mail address: {reason}.");
        }

        recipient = address.Address;
        error = "";
        return true;
    }

    private static bool Fail(out string error, string message, bool ok = false)
    {
        error = message;
        return ok;
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Hosting.Api;

/// <summary>
/// The tiny pages behind the subscription links. Fixed text only: nothing of the request (not even the token) is
/// written into them. The buttons' forms have no action, so they POST to the page's own address, token included;
/// the GET only shows the button, because mail scanners fetch every link in a message.
/// </summary>
internal static class SubscriptionPages
{
    /// <summary>The one answer for a forged, altered, expired or wrong-purpose link, and for one whose subscriber is gone.</summary>
    public static ApiResponse InvalidLink() => Page(StatusCodes.Status400BadRequest, "Link not valid",
        "This link is not valid or has expired. Links in Digest mails work for a limited time; a new confirmation link comes with a new subscription.");

    public static ApiResponse ConfirmButton() => Page(StatusCodes.Status200OK, "Confirm your subscription",
        "Press the button to start receiving the Digest briefing.", button: "Confirm subscription");

    public static ApiResponse Confirmed() => Page(StatusCodes.Status200OK, "Subscribed",
        "You are subscribed. The briefing arrives every morning; every briefing has a link to unsubscribe.");

    public static ApiResponse UnsubscribeButton() => Page(StatusCodes.Status200OK, "Unsubscribe",
        "Press the button to stop receiving the Digest briefing.", button: "Unsubscribe", oneClick: true);

    public static ApiResponse Unsubscribed() => Page(StatusCodes.Status200OK, "Unsubscribed",
        "You are unsubscribed and will get no more briefings at this address.");

    private static ApiResponse Page(int status, string title, string message, string? button = null, bool oneClick = false)
    {
        var form = button is null ? ""
            : "<form method=\"post\">"
              // The button sends what a mail client's one-click unsubscribe sends (RFC 8058), so both are one request.
              + (oneClick ? "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">" : "")
              + $"<button type=\"submit\">{WebUtility.HtmlEncode(button)}</button></form>";
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   + $"<title>{WebUtility.HtmlEncode(title)} · Digest</title>"
                   + "<style>body{font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em}button{font-size:1.1em;padding:.4em 1em}</style>"
                   + $"</head><body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p>{form}</body></html>\n";
        return ApiResponse.Page(status, html);
    }
}

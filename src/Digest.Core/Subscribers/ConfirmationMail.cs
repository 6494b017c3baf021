using System.Globalization;
using System.Net;
using Digest.Core.Mail;

namespace Digest.Core.Subscribers;

/// <summary>
/// The double opt-in mail: fixed text and the confirm link, nothing else the requester typed (no preferences), so a
/// stranger cannot use the subscribe form to mail their own words to someone. The Message-ID is stable for a
/// subscriber and a UTC day: a repeated request that day is the same message to the outbox and to mail filters.
/// </summary>
public static class ConfirmationMail
{
    public const string Subject = "Confirm your Digest subscription";

    public static MailMessage Build(MailAddress from, string address, string subscriberId, Uri confirmLink, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(confirmLink);
        var link = confirmLink.AbsoluteUri;
        var days = (int)SubscriptionLinks.ConfirmLifetime.TotalDays;
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Someone, hopefully you, asked for the Digest briefing at this address.

            To confirm, open this link and press the button on the page:
            {link}

            The link works for {days} days. If you did not ask, ignore this mail: nothing is sent without confirmation.
            """).ReplaceLineEndings("\r\n");
        var href = WebUtility.HtmlEncode(link);
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{Subject}</title></head>
            <body style="font-family: sans-serif; max-width: 36em">
            <p>Someone, hopefully you, asked for the Digest briefing at this address.</p>
            <p><a href="{href}">Confirm the subscription</a></p>
            <p>Or copy this address into your browser: {href}</p>
            <p>The link works for {days} days. If you did not ask, ignore this mail: nothing is sent without confirmation.</p>
            </body></html>
            """).ReplaceLineEndings("\r\n");
        var domain = from.Address[(from.Address.LastIndexOf('@') + 1)..];
        var messageId = string.Create(CultureInfo.InvariantCulture, $"<confirm.{subscriberId}.{now.UtcDateTime:yyyyMMdd}@{domain}>");
        return new MailMessage(from, new MailAddress(address), Subject, text, html, messageId, now);
    }
}

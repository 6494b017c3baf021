namespace Digest.Core.Mail;

/// <summary>Sends one message. Adapters: embedded .eml outbox, SMTP, SendGrid.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// A message with a plain-text and an HTML body (multipart/alternative). <see cref="MessageId"/> is stable for a
/// (briefing, recipient) pair so that a retried send can be recognized downstream.
/// </summary>
public sealed record MailMessage(
    MailAddress From,
    MailAddress To,
    string Subject,
    string TextBody,
    string HtmlBody,
    string MessageId,
    DateTimeOffset Date,
    MailUnsubscribe? Unsubscribe = null);

/// <summary>
/// The unsubscribe targets of a message, for <c>List-Unsubscribe</c> (RFC 2369) with one-click
/// <c>List-Unsubscribe-Post</c> (RFC 8058): an https URL that accepts the POST, and optionally a mailto.
/// </summary>
public sealed record MailUnsubscribe(Uri OneClickUrl, string? Mailto = null);

public sealed record MailAddress(string Address, string? DisplayName = null);

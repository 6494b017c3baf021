namespace Digest.Core.Mail;

/// <summary>Sends messages. Adapters: embedded .eml outbox, SMTP, SendGrid.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends several messages and reports each one's outcome, in order: one recipient's refusal does not fail the others.
    /// Adapters that can do better than one by one override it (SendGrid: many recipients per request; SMTP: one
    /// connection). Throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<IReadOnlyList<MailSendResult>> SendBatchAsync(IReadOnlyList<MailMessage> messages, CancellationToken cancellationToken = default)
        => MailBatch.OneByOneAsync(this, messages, cancellationToken);
}

/// <summary>What became of one message of a batch: <see cref="Error"/> is null when the provider took it.</summary>
public sealed record MailSendResult(MailMessage Message, Exception? Error = null)
{
    public bool Sent => Error is null;
}

public static class MailBatch
{
    /// <summary>The default batch: each message through <see cref="IMailSender.SendAsync"/>, failures collected.</summary>
    public static async Task<IReadOnlyList<MailSendResult>> OneByOneAsync(IMailSender sender, IReadOnlyList<MailMessage> messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(messages);
        var results = new List<MailSendResult>(messages.Count);
        foreach (var message in messages)
        {
            try
            {
                await sender.SendAsync(message, cancellationToken);
                results.Add(new MailSendResult(message));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results.Add(new MailSendResult(message, e));
            }
        }

        return results;
    }

    /// <summary>The message's bodies with its <see cref="MailMessage.Substitutions"/> applied: what the recipient reads.</summary>
    public static (string Text, string Html) Personalized(MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text = message.TextBody, html = message.HtmlBody;
        foreach (var (key, value) in message.Substitutions ?? [])
        {
            text = text.Replace(key, value, StringComparison.Ordinal);
            html = html.Replace(key, value, StringComparison.Ordinal);
        }

        return (text, html);
    }

    /// <summary>
    /// Refuses substitutions that could change the message's structure: keys must be non-empty and distinct, values
    /// printable ASCII without HTML's special characters (they go verbatim into both parts).
    /// </summary>
    public static void ValidateSubstitutions(MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Substitutions is not { } substitutions)
        {
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in substitutions)
        {
            if (string.IsNullOrEmpty(key) || key.Any(c => c <= ' ' || c > '~') || !keys.Add(key))
            {
                throw new ArgumentException("A substitution key must be non-empty printable ASCII, and appear once.", nameof(message));
            }

            if (value is null || value.Any(c => c < ' ' || c > '~' || c is '<' or '>' or '&' or '"' or '\''))
            {
                throw new ArgumentException("A substitution value must be printable ASCII without < > & \" '.", nameof(message));
            }
        }
    }
}

/// <summary>
/// A message with a plain-text and an HTML body (multipart/alternative). <see cref="MessageId"/> is stable for a
/// (briefing, recipient) pair so that a retried send can be recognized downstream.
/// </summary>
/// <param name="Substitutions">
/// Per-recipient values: each key that occurs in <see cref="TextBody"/> or <see cref="HtmlBody"/> is replaced by its
/// value before the recipient sees the message. Messages of one briefing keep the same bodies (with the keys) so a
/// provider can send them as one request with the values per recipient (SendGrid's personalizations).
/// </param>
public sealed record MailMessage(
    MailAddress From,
    MailAddress To,
    string Subject,
    string TextBody,
    string HtmlBody,
    string MessageId,
    DateTimeOffset Date,
    MailUnsubscribe? Unsubscribe = null,
    IReadOnlyList<KeyValuePair<string, string>>? Substitutions = null);

/// <summary>
/// The unsubscribe targets of a message, for <c>List-Unsubscribe</c> (RFC 2369) with one-click
/// <c>List-Unsubscribe-Post</c> (RFC 8058): an https URL that accepts the POST, and optionally a mailto.
/// </summary>
public sealed record MailUnsubscribe(Uri OneClickUrl, string? Mailto = null);

public sealed record MailAddress(string Address, string? DisplayName = null);

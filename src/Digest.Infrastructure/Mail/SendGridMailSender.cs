using System.Globalization;
using System.Net;
using System.Text.Json;
using Digest.Core.Mail;
using Digest.Core.Safety;
using Digest.Core.Subscribers;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Digest.Infrastructure.Mail;

/// <summary>Where and how <see cref="SendGridMailSender"/> delivers.</summary>
/// <param name="ApiKey">The SendGrid API key (from Key Vault in Azure; never logged).</param>
/// <param name="Host">The API's base URL; SendGrid's own by default, a local server in tests.</param>
/// <param name="MaxAttempts">Attempts per request when SendGrid answers 429 or 5xx.</param>
public sealed record SendGridOptions(string ApiKey, Uri? Host = null, int MaxAttempts = 4);

/// <summary>
/// Sends through SendGrid's v3 mail API with the <c>SendGrid</c> package, batching within its personalization limits:
/// one personalization per recipient, as every briefing carries its recipient's own unsubscribe link (a substitution)
/// and Message-ID (a personalization header), up to 1,000 per request. 429 and 5xx are retried with backoff,
/// honouring <c>Retry-After</c> (seconds or an HTTP date, at most a minute); any other 4xx is reported at once with
/// SendGrid's own error text, and is not retried.
/// </summary>
public sealed class SendGridMailSender : IMailSender
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly TimeProvider _clock;

    public SendGridMailSender(SendGridOptions options, HttpClient http, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("SendGrid is chosen as the mail sender, but no API key is configured.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        var clientOptions = new SendGridClientOptions { ApiKey = options.ApiKey };
        if (options.Host is { } host)
        {
            clientOptions.Host = host.AbsoluteUri.TrimEnd('/');
        }

        _client = new SendGridClient(http, clientOptions);
    }

    /// <summary>SendGrid's limit of personalizations (and of recipients) in one v3 <c>mail/send</c> request.</summary>
    public const int MaxPersonalizations = 1000;

    private static readonly string[] PersonalHeaders = ["Message-ID", "Auto-Submitted", "List-Unsubscribe", "List-Unsubscribe-Post"];

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var result = (await SendBatchAsync([message], cancellationToken))[0];
        if (result.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>
    /// Messages with the same sender, subject and bodies (their per-recipient values kept apart as
    /// <see cref="MailMessage.Substitutions"/>) go as one request with a personalization per recipient: its own
    /// <c>to</c>, headers (Message-ID, List-Unsubscribe) and substitutions, at most <see cref="MaxPersonalizations"/>
    /// per request. A refused request fails only its own recipients.
    /// </summary>
    public async Task<IReadOnlyList<MailSendResult>> SendBatchAsync(IReadOnlyList<MailMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var errors = new Exception?[messages.Count];
        var prepared = new List<Prepared>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                // Built (and so validated) the same way as every other adapter's message.
                prepared.Add(new Prepared(i, messages[i], MimeMessages.Build(messages[i])));
            }
            catch (ArgumentException e)
            {
                errors[i] = e;
            }
        }

        foreach (var group in prepared.GroupBy(p => p.Content))
        {
            foreach (var chunk in group.Chunk(MaxPersonalizations))
            {
                try
                {
                    await SendRequestAsync(chunk, cancellationToken);
                }
                catch (SendGridDeliveryException e)
                {
                    foreach (var item in chunk)
                    {
                        errors[item.Index] = e;
                    }
                }
            }
        }

        return messages.Select((message, i) => new MailSendResult(message, errors[i])).ToList();
    }

    private async Task SendRequestAsync(Prepared[] chunk, CancellationToken cancellationToken)
    {
        var first = chunk[0];
        var request = new SendGridMessage
        {
            From = new EmailAddress(first.Message.From.Address, SafeText.Inline(first.Message.From.DisplayName)),
            Subject = first.Mime.Subject,
            PlainTextContent = first.Message.TextBody,
            HtmlContent = first.Message.HtmlBody,
            Personalizations = [.. chunk.Select(Personalize)],
        };

        for (var attempt = 1; ; attempt++)
        {
            var response = await _client.SendEmailAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return;
            }

            var reason = await ErrorTextAsync(response);
            var retryable = status == 429 || status >= 500;
            if (!retryable || attempt >= _options.MaxAttempts)
            {
                var who = SubscriberId.Masked(first.Message.To.Address)
                    + (chunk.Length > 1 ? string.Create(CultureInfo.InvariantCulture, $" and {chunk.Length - 1} other recipients") : string.Empty);
                throw new SendGridDeliveryException(
                    string.Create(CultureInfo.InvariantCulture, $"SendGrid refused the message to {who} ({status}){(retryable ? $" after {attempt} attempts" : string.Empty)}: {reason}"),
                    status, transient: retryable);
            }

            await Task.Delay(RetryDelay(response, attempt), _clock, cancellationToken);
        }
    }

    private static Personalization Personalize(Prepared item)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in PersonalHeaders)
        {
            if (item.Mime.Headers[name] is { } value)
            {
                headers[name] = name == "Message-ID" ? "<" + item.Mime.MessageId + ">" : value;
            }
        }

        return new Personalization
        {
            Tos = [new EmailAddress(item.Message.To.Address, SafeText.Inline(item.Message.To.DisplayName))],
            Headers = headers,
            Substitutions = item.Message.Substitutions is { Count: > 0 } substitutions
                ? substitutions.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
                : null,
        };
    }

    /// <summary>A message ready for a request, and what it must share with others to go in the same request.</summary>
    private sealed record Prepared(int Index, MailMessage Message, MimeKit.MimeMessage Mime)
    {
        public ContentKey Content { get; } = new(Message.From.Address, SafeText.Inline(Message.From.DisplayName), Mime.Subject ?? string.Empty, Message.TextBody, Message.HtmlBody,
            string.Join('\n', (Message.Substitutions ?? []).Select(pair => pair.Key)));
    }

    private readonly record struct ContentKey(string From, string? FromName, string Subject, string Text, string Html, string SubstitutionKeys);

    private TimeSpan RetryDelay(Response response, int attempt)
    {
        var retryAfter = response.Headers?.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _clock.GetUtcNow() : null);
        var delay = asked is { } given && given > TimeSpan.Zero ? given : TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    /// <summary>SendGrid's <c>errors[].message</c> texts, else the status; as one safe line, never the API key.</summary>
    private static async Task<string> ErrorTextAsync(Response response)
    {
        var body = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync();
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var messages = errors.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var text) ? text.GetString() : null)
                    .Where(text => !string.IsNullOrWhiteSpace(text));
                var joined = string.Join("; ", messages);
                if (joined.Length > 0)
                {
                    return Truncate(SafeText.Inline(joined) ?? string.Empty);
                }
            }
        }
        catch (JsonException)
        {
            // Not SendGrid's error shape (a proxy's page): the status says it.
        }

        return ((HttpStatusCode)(int)response.StatusCode).ToString();
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}

/// <summary>A message SendGrid did not take.</summary>
public sealed class SendGridDeliveryException : Exception
{
    public SendGridDeliveryException() { }

    public SendGridDeliveryException(string message) : base(message) { }

    public SendGridDeliveryException(string message, Exception innerException) : base(message, innerException) { }

    public SendGridDeliveryException(string message, int status, bool transient) : base(message)
    {
        Status = status;
        IsTransient = transient;
    }

    public int Status { get; }

    /// <summary>True when SendGrid was overloaded or failing (429, 5xx) on the last attempt: a later run may succeed.</summary>
    public bool IsTransient { get; }
}

using Digest.Core.Diagnostics;
using Digest.Core.Mail;

namespace Digest.Core.Subscribers;

/// <summary>What a subscribe request gets: accepted (whatever the address's state) or refused for its form.</summary>
public sealed record SubscribeResult(string? Error)
{
    public static readonly SubscribeResult Accepted = new((string?)null);

    public bool IsAccepted => Error is null;
}

/// <summary>
/// The double opt-in (README, "HTTP API"): a subscribe request stores a pending subscriber and mails a confirm link;
/// the link confirms; an unsubscribe link removes the subscriber and leaves the keyed suppression. From outside, every
/// well-formed request gets the same answer, whether the address is new, pending, confirmed or suppressed, and every
/// bad link the same refusal, so neither tells whether an address is known. Logs show addresses masked.
/// </summary>
public sealed class SubscriptionFlow(
    SubscriberStore store,
    SubscriptionToken tokens,
    SubscriptionLinks links,
    IMailSender mail,
    MailAddress from,
    TimeProvider clock,
    IRunReporter reporter)
{
    /// <summary>At most one confirmation mail per address in this time, however often the form is sent.</summary>
    public static readonly TimeSpan ConfirmationPause = TimeSpan.FromHours(1);

    public async Task<SubscribeResult> SubscribeAsync(string? address, string? timeZone, int? hour, IReadOnlyList<string>? keywords,
        IReadOnlyList<string>? outlets, CancellationToken cancellationToken = default)
    {
        if (!SubscriptionRequest.TryCreate(address, timeZone, hour, keywords, outlets, out var request, out var error))
        {
            return new SubscribeResult(error);
        }

        var masked = SubscriberId.Masked(request.Address);
        var id = store.IdOf(request.Address);
        // A confirmed subscriber's settings change only by the operator: an anonymous request must not rewrite them.
        var existing = await store.GetAsync(id, cancellationToken);
        if (existing is { IsConfirmed: true })
        {
            reporter.Info($"Subscribe: {masked} is already confirmed; nothing sent.");
            return SubscribeResult.Accepted;
        }

        var now = clock.GetUtcNow();
        // The form is anonymous: without a pause, anyone could fill a stranger's inbox with confirmation mails.
        if (existing?.ConfirmationSentAt is { } lastMail && now - lastMail < ConfirmationPause)
        {
            reporter.Info($"Subscribe: {masked} was sent a confirmation mail at {lastMail:O}; no other before {lastMail + ConfirmationPause:O}.");
            return SubscribeResult.Accepted;
        }

        var outcome = await store.SubscribeAsync(request.Address, request.TimeZone, request.Hour, request.Keywords, request.Outlets,
            confirmed: false, now, cancellationToken);
        if (outcome != SubscribeOutcome.Pending)
        {
            reporter.Info($"Subscribe: {masked} is {(outcome == SubscribeOutcome.Suppressed ? "suppressed" : "already confirmed")}; nothing sent.");
            return SubscribeResult.Accepted;
        }

        await mail.SendAsync(ConfirmationMail.Build(from, request.Address, id, links.Confirm(id, now), now), cancellationToken);
        await store.MarkConfirmationSentAsync(id, now, cancellationToken);
        reporter.Info($"Subscribe: {masked} is pending; confirmation mail sent.");
        return SubscribeResult.Accepted;
    }

    /// <summary>
    /// True when <paramref name="token"/> is a live confirm token of a stored subscriber, now confirmed. A subscriber
    /// who unsubscribed since (suppressed) or was removed is gone, so the link does nothing and is refused like a bad one.
    /// </summary>
    public async Task<bool> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (tokens.Verify(token, TokenPurpose.Confirm, now) is not { } id || !await store.ConfirmAsync(id, now, cancellationToken))
        {
            reporter.Info("Confirm: a link that is not valid (or of a subscriber who is gone) was refused.");
            return false;
        }

        reporter.Info($"Confirm: subscriber {id[..8]}… confirmed.");
        return true;
    }

    /// <summary>True when <paramref name="token"/> is a live unsubscribe token; the subscriber is then removed and suppressed (idempotent).</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (tokens.Verify(token, TokenPurpose.Unsubscribe, now) is not { } id)
        {
            reporter.Info("Unsubscribe: a link that is not valid was refused.");
            return false;
        }

        await store.UnsubscribeAsync(id, now, cancellationToken);
        reporter.Info($"Unsubscribe: subscriber {id[..8]}… removed; its keyed id stays suppressed.");
        return true;
    }

    /// <summary>Whether a link is live for its purpose, without doing anything: what the GET pages show.</summary>
    public bool IsValid(string? token, TokenPurpose purpose) => tokens.Verify(token, purpose, clock.GetUtcNow()) is not null;
}

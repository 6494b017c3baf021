using System.Globalization;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;

namespace Digest.Core.Subscribers;

/// <summary>What one pass over the subscribers did.</summary>
public sealed record SubscriberSendResult(int Due, int Sent, int Empty, int Skipped, int Failed);

/// <summary>
/// Sends each confirmed subscriber their briefing at their local morning (<see cref="LocalMorning"/>): once per local day,
/// covering the time since their previous briefing (the first: the last 24 hours), narrowed to their keywords and outlets,
/// with their own unsubscribe link. The hourly timer and <c>digest run --now</c> both call <see cref="SendDueAsync"/>;
/// the <see cref="DeliveryLedger"/> makes each (subscriber, local day) go out once whoever calls it and however often.
/// One subscriber's failure (a bad zone, a refused address) is reported and does not stop the others.
/// </summary>
/// <param name="unsubscribeMailto">A <c>mailto:</c> URI for the <c>List-Unsubscribe</c> header beside the https link, or null.</param>
public sealed class SubscriberBriefings(
    BriefHandler brief,
    SubscriberStore subscribers,
    DeliveryLedger ledger,
    IMailSender mail,
    SubscriptionLinks links,
    IRunReporter reporter,
    string? unsubscribeMailto = null)
{
    public async Task<SubscriberSendResult> SendDueAsync(DateTimeOffset now, MailAddress from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        int due = 0, sent = 0, empty = 0, skipped = 0, failed = 0;
        // Subscribers with the same window share one composition (most of a list has the same hour and zone).
        var composed = new Dictionary<(DateOnly, DateTimeOffset), Briefing>();
        // Claimed messages wait here and go to the sender as one batch (SendGrid: one request per 1,000), a bounded
        // number at a time so no claim waits long enough to look abandoned.
        var pending = new List<Pending>();
        try
        {
            foreach (var subscriber in (await subscribers.ListAsync(cancellationToken)).Where(s => s.IsConfirmed).OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                try
                {
                    switch (await PrepareAsync(subscriber, now, from, composed, pending, cancellationToken))
                    {
                        case Outcome.NotDue:
                        case Outcome.Pending:
                            break;
                        case Outcome.Empty:
                            due++;
                            empty++;
                            break;
                        default:
                            due++;
                            skipped++;
                            break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    due++;
                    failed++;
                    Warn(subscriber, e);
                }

                if (pending.Count >= BatchSize)
                {
                    var (ok, bad) = await FlushAsync(pending, now, cancellationToken);
                    (due, sent, failed) = (due + ok + bad, sent + ok, failed + bad);
                }
            }
        }
        catch (OperationCanceledException) when (pending.Count > 0)
        {
            // Stopped before their batch went out: nothing of it was sent, so the next run may send it at once.
            foreach (var item in pending)
            {
                await ledger.ReleaseAsync(item.Claim, CancellationToken.None);
            }

            throw;
        }

        var (lastOk, lastBad) = await FlushAsync(pending, now, cancellationToken);
        (due, sent, failed) = (due + lastOk + lastBad, sent + lastOk, failed + lastBad);

        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"Subscribers due: {due}; sent to {sent}, nothing to send to {empty}, already sent or being sent {skipped}, failed {failed}."));
        return new SubscriberSendResult(due, sent, empty, skipped, failed);
    }

    /// <summary>Messages claimed in the ledger before one batch send: SendGrid's request limit, well inside <see cref="DeliveryLedger.StaleClaim"/>.</summary>
    public const int BatchSize = 1000;

    /// <summary>The key the bodies carry where each recipient's unsubscribe token goes (<see cref="MailMessage.Substitutions"/>).</summary>
    public const string UnsubscribeTokenKey = "-digest-unsubscribe-token-";

    private enum Outcome
    {
        NotDue,
        Pending,
        Empty,
        AlreadyHandled,
    }

    private sealed record Pending(Subscriber Subscriber, DeliveryClaim Claim, DateOnly Day, MailMessage Message);

    private void Warn(Subscriber subscriber, Exception e) =>
        reporter.Warning($"The briefing for {SubscriberId.Masked(subscriber.Address)} was not sent ({e.GetType().Name}: "
            + $"{e.Message}); the next run tries again.");

    /// <summary>Sends the claimed messages as one batch and records each outcome: sent in the ledger, or the claim released.</summary>
    private async Task<(int Sent, int Failed)> FlushAsync(List<Pending> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return (0, 0);
        }

        var batch = pending.ToList();
        pending.Clear();
        IReadOnlyList<MailSendResult> results;
        try
        {
            results = await mail.SendBatchAsync([.. batch.Select(p => p.Message)], cancellationToken);
        }
        catch
        {
            foreach (var item in batch)
            {
                await ledger.ReleaseAsync(item.Claim, CancellationToken.None);
            }

            throw;
        }

        int sent = 0, failed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            try
            {
                if (results[i].Error is { } error)
                {
                    failed++;
                    await ledger.ReleaseAsync(item.Claim, CancellationToken.None);
                    Warn(item.Subscriber, error);
                    continue;
                }

                // A crash from here until the ledger is written is the one window that can send twice (see DeliveryLedger).
                await ledger.MarkSentAsync(item.Claim, now, cancellationToken);
                await subscribers.MarkSentAsync(item.Subscriber.Id, item.Day, now, cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Sent, but not recorded: counted as failed, as the claim goes stale and a later run sends it again
                // under the same Message-ID (the window DeliveryLedger documents).
                failed++;
                reporter.Warning($"The briefing for {SubscriberId.Masked(item.Subscriber.Address)} was sent but not recorded "
                    + $"({e.GetType().Name}: {e.Message}); a run after the claim goes stale sends it again with the same Message-ID.");
            }
        }

        return (sent, failed);
    }

    private async Task<Outcome> PrepareAsync(Subscriber subscriber, DateTimeOffset now, MailAddress from,
        Dictionary<(DateOnly, DateTimeOffset), Briefing> composed, List<Pending> pending, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(subscriber.TimeZone);
        if (LocalMorning.DueDay(now, subscriber.SendHour, zone, subscriber.LastBriefingDay) is not { } day)
        {
            return Outcome.NotDue;
        }

        var done = await ledger.GetAsync(subscriber.Id, day, cancellationToken);
        if (done?.SentAt is { } sentAt)
        {
            // Sent by a run that stopped before recording it on the subscriber: record it now.
            await subscribers.MarkSentAsync(subscriber.Id, day, sentAt, cancellationToken);
            return Outcome.AlreadyHandled;
        }

        var start = LocalMorning.WindowStart(now, subscriber.LastBriefingAt);
        if (!composed.TryGetValue((day, start), out var whole))
        {
            composed[(day, start)] = whole = await brief.BuildAsync(day, start, now, cancellationToken);
        }

        var briefing = ForSubscriber(whole, subscriber);
        if (briefing.Stories.Count == 0)
        {
            // No mail without news: the day is done, and the next briefing covers the time since the last one sent.
            await subscribers.MarkDayWithoutBriefingAsync(subscriber.Id, day, cancellationToken);
            return Outcome.Empty;
        }

        var messageId = $"<briefing-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{subscriber.Id[..16]}@{BriefHandler.DomainOf(from.Address)}>";
        if (await ledger.ClaimAsync(subscriber.Id, day, messageId, now, cancellationToken) is not { } claim)
        {
            return Outcome.AlreadyHandled;
        }

        var unsubscribe = links.Unsubscribe(subscriber.Id, now);
        var personal = new BriefingLinks(links.WebCopy(day), unsubscribe);
        string text = BriefingPlainTextRenderer.Render(briefing, personal), html = BriefingHtmlRenderer.Render(briefing, personal);
        IReadOnlyList<KeyValuePair<string, string>>? substitutions = null;
        if (SubscriptionLinks.TokenOf(unsubscribe) is { } token && !text.Contains(UnsubscribeTokenKey, StringComparison.Ordinal)
            && !html.Contains(UnsubscribeTokenKey, StringComparison.Ordinal))
        {
            // The token (base64url and dots: the same in text, HTML and URLs) is the only part of the bodies that is the
            // recipient's own, so subscribers of one briefing share the bodies and a provider can send them together.
            text = text.Replace(token, UnsubscribeTokenKey, StringComparison.Ordinal);
            html = html.Replace(token, UnsubscribeTokenKey, StringComparison.Ordinal);
            substitutions = [new(UnsubscribeTokenKey, token)];
        }

        pending.Add(new Pending(subscriber, claim, day, new MailMessage(from, new MailAddress(subscriber.Address), BriefingText.Subject(briefing),
            text, html, claim.Entry.MessageId, now,
            // RFC 8058's one-click header needs https; a local http address (digest serve) keeps only the visible link.
            unsubscribe.Scheme == Uri.UriSchemeHttps ? new MailUnsubscribe(unsubscribe, unsubscribeMailto) : null,
            substitutions)));
        return Outcome.Pending;
    }

    /// <summary>The stories of the briefing the subscriber asked for: any keyword in the title or text, any outlet among the coverage.</summary>
    public static Briefing ForSubscriber(Briefing briefing, Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Keywords.Count == 0 && subscriber.Outlets.Count == 0)
        {
            return briefing;
        }

        return briefing with
        {
            Stories = briefing.Stories.Where(story => MatchesKeywords(story, subscriber.Keywords) && MatchesOutlets(story, subscriber.Outlets)).ToList(),
        };
    }

    private static bool MatchesKeywords(BriefingStory story, IReadOnlyList<string> keywords)
        => keywords.Count == 0 || keywords.Any(keyword =>
            story.Title.Contains(keyword, StringComparison.OrdinalIgnoreCase)
            || story.Summary.Any(s => s.Text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            || story.WhatsNew.Any(s => s.Text.Contains(keyword, StringComparison.OrdinalIgnoreCase)));

    private static bool MatchesOutlets(BriefingStory story, IReadOnlyList<string> outlets)
        => outlets.Count == 0 || story.Outlets.Any(outlet => outlets.Contains(outlet, StringComparer.OrdinalIgnoreCase));
}

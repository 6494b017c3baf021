using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Digest.Core.Articles;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Subscribers;

namespace Digest.Core.Briefings;

/// <summary>
/// The brief stage: compose the briefing for the window before <c>now</c>, archive it as JSON, HTML and text, and send it
/// to every subscriber once.
/// </summary>
public sealed class BriefHandler(
    IBlobStore blobs,
    IStoryTracker stories,
    BriefingComposer composer,
    IMailSender mail,
    IRunReporter reporter)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    private readonly JsonDocumentStore documents = new(blobs, reporter);
    private readonly ArticleArchive articles = new(blobs, reporter);

    /// <summary>Composes and archives the briefing dated <paramref name="now"/>'s UTC day, for [now - window, now).</summary>
    public async Task<Briefing> ComposeAsync(DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var briefing = await BuildAsync(date, now - window, now, cancellationToken);
        await documents.WriteAsync(Containers.Briefings, BlobPaths.Briefing(date, "json"), briefing, cancellationToken: cancellationToken);
        await blobs.PutAsync(Containers.Briefings, BlobPaths.Briefing(date, "html"), Encoding.UTF8.GetBytes(BriefingHtmlRenderer.Render(briefing)),
            "text/html; charset=utf-8", cancellationToken: cancellationToken);
        await blobs.PutAsync(Containers.Briefings, BlobPaths.Briefing(date, "txt"), Encoding.UTF8.GetBytes(BriefingPlainTextRenderer.Render(briefing)),
            "text/plain; charset=utf-8", cancellationToken: cancellationToken);
        reporter.Info($"Briefing {BlobPaths.Day(date)}: {briefing.Stories.Count.ToString(CultureInfo.InvariantCulture)} stor{(briefing.Stories.Count == 1 ? "y" : "ies")}");
        return briefing;
    }

    /// <summary>Composes the briefing of the stories with activity in [start, end), dated <paramref name="date"/>, and archives nothing.</summary>
    public async Task<Briefing> BuildAsync(DateOnly date, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        var storyIds = await StoriesWithActivityAsync(start, end, cancellationToken);
        var inputs = new List<StoryWithArticles>(storyIds.Count);
        foreach (var storyId in storyIds)
        {
            var story = await stories.GetAsync(storyId, cancellationToken);
            if (story is null)
            {
                reporter.Warning($"Story {storyId} has activity but is not in the archive; left out.", ReportSubject.Story(storyId));
                continue;
            }

            inputs.Add(new StoryWithArticles(story, await articles.GetManyAsync(story.ArticleIds, cancellationToken: cancellationToken)));
        }

        return composer.Compose(date, start, end, inputs);
    }
    /// <summary>
    /// Sends the briefing to each recipient that has not had it yet (a manual run's one recipient, or the sources file's
    /// addresses on a host without a subscriber store), through the same <see cref="DeliveryLedger"/> as the subscribers'
    /// briefings, in its <c>recipients</c> folder: claimed before the send, marked sent after, released when the send
    /// fails. A crash between the send and the mark is the ledger's one documented window; the stable Message-ID lets
    /// mail systems drop the copy.
    /// </summary>
    public async Task<int> SendAsync(Briefing briefing, IReadOnlyList<string> subscribers, MailAddress from, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        if (briefing.Stories.Count == 0)
        {
            reporter.Info("Nothing to send: no story had activity.");
            return 0;
        }

        var sent = 0;
        var html = BriefingHtmlRenderer.Render(briefing);
        var text = BriefingPlainTextRenderer.Render(briefing);
        var ledger = new DeliveryLedger(blobs, reporter, folder: DeliveryLedger.RecipientsFolder);
        foreach (var recipient in subscribers.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            var key = RecipientKey(recipient);
            var messageId = $"<briefing-{BlobPaths.Day(briefing.Date)}-{key}@{DomainOf(from.Address)}>";
            if (await ledger.ClaimAsync(key, briefing.Date, messageId, now, cancellationToken) is not { } claim)
            {
                continue;
            }

            try
            {
                await mail.SendAsync(new MailMessage(from, new MailAddress(recipient), BriefingText.Subject(briefing), text, html, claim.Entry.MessageId, now), cancellationToken);
            }
            catch
            {
                await ledger.ReleaseAsync(claim, CancellationToken.None);
                throw;
            }

            await ledger.MarkSentAsync(claim, now, cancellationToken);
            sent++;
        }

        reporter.Info($"Sent to {sent.ToString(CultureInfo.InvariantCulture)} subscriber(s).");
        return sent;
    }

    private async Task<List<string>> StoriesWithActivityAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        for (var day = DateOnly.FromDateTime(start.UtcDateTime); day <= DateOnly.FromDateTime(end.UtcDateTime); day = day.AddDays(1))
        {
            await foreach (var path in blobs.ListAsync(Containers.State, BlobPaths.ActivityDay(day), cancellationToken))
            {
                var record = await documents.GetAsync<ActivityRecord>(Containers.State, path, cancellationToken);
                if (record is not null && record.Published >= start && record.Published < end)
                {
                    ids.Add(record.StoryId);
                }
            }
        }

        return [.. ids];
    }

    /// <summary>Message-IDs live in the sender's domain, as RFC 5322 recommends.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
    }

    /// <summary>A recipient's key in the delivery records: a hash, so addresses do not appear in blob names.</summary>
    public static string RecipientKey(string address)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())))[..16];
}

using System.Collections.Concurrent;
using Digest.Core.Briefings;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Core.Summaries;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Subscribers;

/// <summary>
/// <see cref="SubscriberBriefings"/>: one briefing per local day at each subscriber's hour, across DST transitions, with
/// the window since the previous one, their filters and their own unsubscribe link; and the ledger's exactly-once with a
/// failure between send and record, a provider that refuses, and two runs at once. The store here is in memory (its
/// conditional writes are the contract the Azure and file stores pass in Digest.Infrastructure.Tests).
/// </summary>
public sealed class SubscriberBriefingsTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Start = new(2026, 3, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBlobStore blobs = new();
    private readonly SettableClock clock = new(Start);
    private readonly CapturingMail mail = new();
    private readonly SubscriberStore store;

    public SubscriberBriefingsTests() => store = new SubscriberStore(blobs, Key);

    private SubscriberBriefings Sender(IMailSender? sender = null, IBlobStore? ledgerBlobs = null, string? mailto = null)
    {
        var brief = new BriefHandler(blobs, new StoryTracker(blobs, clock), new BriefingComposer(new Summarizer()), sender ?? mail, SilentReporter.Instance);
        var links = new SubscriptionLinks(new Uri("https://digest.example/"), new Uri("https://archive.example/"), new SubscriptionToken(Key));
        return new SubscriberBriefings(brief, store, new DeliveryLedger(ledgerBlobs ?? blobs, SilentReporter.Instance), sender ?? mail, links, SilentReporter.Instance, mailto);
    }

    /// <summary>One article of news every six hours, folded into stories, so every window has something to send.</summary>
    private Task NewsUntilAsync(DateTimeOffset end) => NewsAsync(Start.AddDays(-1), end);

    private async Task NewsAsync(DateTimeOffset from, DateTimeOffset end)
    {
        var documents = new JsonDocumentStore(blobs);
        var fold = new StoryFold(blobs, new CoverageDiffer(), new Summarizer(), SilentReporter.Instance, clock);
        var handler = new ProcessHandler(blobs, fold, SilentReporter.Instance);
        var n = 0;
        for (var t = from; t < end; t = t.AddHours(6), n++)
        {
            var id = "a" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            await documents.WriteAsync(Containers.Articles, BlobPaths.Article(id), TestArticles.Make(id, n % 2 == 0 ? "Valley Post" : "Orlen Herald", t,
                $"Orlen ferry timetable {n}", $"The Orlen ferry will run {n} extra crossings, the roads office said. Mayor Tomas Reinholt welcomed the change."));
            await handler.ProcessAsync(id);
        }
    }

    private async Task<int> TickHourlyAsync(SubscriberBriefings sender, DateTimeOffset from, DateTimeOffset to)
    {
        var sent = 0;
        for (var t = from; t < to; t = t.AddHours(1))
        {
            clock.Now = t;
            sent += (await sender.SendDueAsync(t, new MailAddress("digest@digest.example"))).Sent;
        }

        return sent;
    }

    [Theory]
    [InlineData("Europe/Berlin", 7, "2026-03-27", 4)]   // spring forward on 29 March
    [InlineData("Europe/Berlin", 2, "2026-03-27", 4)]   // 02:00 does not exist on 29 March
    [InlineData("Europe/Berlin", 2, "2026-10-23", 4)]   // 02:00 happens twice on 25 October
    [InlineData("America/New_York", 6, "2026-03-06", 4)]
    [InlineData("Asia/Kolkata", 7, "2026-03-20", 4)]
    [InlineData("Pacific/Chatham", 6, "2026-04-03", 4)] // falls back (45-minute offset) on 5 April
    public async Task Each_local_day_gets_one_briefing_at_its_hour_across_DST(string zone, int hour, string first, int days)
    {
        var begin = new DateTimeOffset(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        clock.Now = begin.AddDays(-2);
        await store.SubscribeAsync("reader@example.org", zone, hour, [], [], confirmed: true, clock.Now);
        await NewsAsync(begin.AddDays(-1), begin.AddDays(days + 1));

        await TickHourlyAsync(Sender(), begin, begin.AddDays(days));

        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var localDays = mail.Sent.Select(m => LocalMorning.LocalDay(m.Date, tz)).ToList();
        Assert.Equal(localDays.Distinct().Count(), localDays.Count);
        Assert.InRange(localDays.Count, days - 1, days + 1);
        // The timer ticks on the UTC hour: a zone with a half or quarter hour offset gets it at the first tick after. The
        // first tick may come after the day's hour (the subscriber is new): that day's briefing goes out then, late.
        Assert.All(mail.Sent.Skip(1), m => Assert.InRange(m.Date - LocalMorning.SendTime(LocalMorning.LocalDay(m.Date, tz), hour, tz),
            TimeSpan.Zero, TimeSpan.FromMinutes(59)));
    }

    [Fact]
    public async Task The_next_briefing_covers_the_time_since_the_last_and_carries_the_subscribers_own_unsubscribe_link()
    {
        clock.Now = Start.AddDays(-1);
        await store.SubscribeAsync("reader@example.org", "UTC", 6, [], [], confirmed: true, clock.Now);
        await NewsUntilAsync(Start.AddDays(3));

        await TickHourlyAsync(Sender(mailto: "mailto:leave@digest.example?subject=unsubscribe"), Start, Start.AddDays(2));

        Assert.Equal(2, mail.Sent.Count);
        Assert.Equal("mailto:leave@digest.example?subject=unsubscribe", mail.Sent[0].Unsubscribe!.Mailto);
        var second = mail.Sent[1];
        Assert.Contains("https://digest.example/api/subscribers/unsubscribe?token=", second.TextBody, StringComparison.Ordinal);
        Assert.Equal("https", second.Unsubscribe!.OneClickUrl.Scheme);
        Assert.Contains("https://archive.example/briefings/2026-03-21/", second.HtmlBody, StringComparison.Ordinal);
        Assert.Matches("^<briefing-2026-03-21-[0-9a-f]{16}@digest\\.example>$", second.MessageId);
        var saved = await store.GetAsync(store.IdOf("reader@example.org"));
        Assert.Equal(new DateOnly(2026, 3, 21), saved!.LastBriefingDay);
        Assert.Equal(Start.AddDays(1).AddHours(6), saved.LastBriefingAt);
    }

    [Fact]
    public async Task Filters_narrow_the_briefing_and_an_unconfirmed_subscriber_gets_nothing()
    {
        clock.Now = Start.AddDays(-1);
        await store.SubscribeAsync("ferry@example.org", "UTC", 6, ["FERRY"], [], confirmed: true, clock.Now);
        await store.SubscribeAsync("bridges@example.org", "UTC", 6, ["bridge"], [], confirmed: true, clock.Now);
        await store.SubscribeAsync("herald@example.org", "UTC", 6, [], ["orlen herald"], confirmed: true, clock.Now);
        await store.SubscribeAsync("pending@example.org", "UTC", 6, [], [], confirmed: false, clock.Now);
        await NewsUntilAsync(Start.AddDays(1));

        await TickHourlyAsync(Sender(), Start, Start.AddHours(8));

        Assert.Equal(["ferry@example.org", "herald@example.org"], mail.Sent.Select(m => m.To.Address).Order(StringComparer.Ordinal));
        var bridges = await store.GetAsync(store.IdOf("bridges@example.org"));
        Assert.Equal(new DateOnly(2026, 3, 20), bridges!.LastBriefingDay);
        Assert.Null(bridges.LastBriefingAt);
    }

    [Fact]
    public async Task A_failure_between_send_and_record_sends_again_only_after_the_claim_goes_stale_with_the_same_message_id()
    {
        clock.Now = Start.AddDays(-1);
        await store.SubscribeAsync("reader@example.org", "UTC", 6, [], [], confirmed: true, clock.Now);
        await NewsUntilAsync(Start.AddDays(1));
        var failing = new FailingLedgerWrites(blobs);
        var at = Start.AddHours(6);
        clock.Now = at;

        var first = await Sender(ledgerBlobs: failing).SendDueAsync(at, new MailAddress("digest@digest.example"));
        Assert.Equal(1, first.Failed);
        Assert.Single(mail.Sent);

        // The next tick within the stale period: the claim stands, nothing is sent.
        clock.Now = at.AddMinutes(5);
        Assert.Equal(0, (await Sender().SendDueAsync(clock.Now, new MailAddress("digest@digest.example"))).Sent);
        Assert.Single(mail.Sent);

        // After it: sent once more, under the same Message-ID (receivers drop the copy), and then never again.
        clock.Now = at + DeliveryLedger.StaleClaim + TimeSpan.FromMinutes(1);
        Assert.Equal(1, (await Sender().SendDueAsync(clock.Now, new MailAddress("digest@digest.example"))).Sent);
        clock.Now = at.AddHours(3);
        Assert.Equal(0, (await Sender().SendDueAsync(clock.Now, new MailAddress("digest@digest.example"))).Sent);
        Assert.Equal(2, mail.Sent.Count);
        Assert.Equal(mail.Sent[0].MessageId, mail.Sent[1].MessageId);
        var entry = await new DeliveryLedger(blobs, SilentReporter.Instance).GetAsync(store.IdOf("reader@example.org"), new DateOnly(2026, 3, 20));
        Assert.NotNull(entry!.SentAt);
    }

    [Fact]
    public async Task Subscribers_of_one_briefing_go_as_one_batch_sharing_bodies_and_a_refused_one_fails_alone()
    {
        clock.Now = Start.AddDays(-1);
        foreach (var address in (string[])["a@example.org", "b@example.org", "refuse@example.org"])
        {
            await store.SubscribeAsync(address, "UTC", 6, [], [], confirmed: true, clock.Now);
        }

        await NewsUntilAsync(Start.AddDays(1));
        clock.Now = Start.AddHours(6);
        var batches = new BatchMail();

        var result = await Sender(batches).SendDueAsync(clock.Now, new MailAddress("digest@digest.example"));

        Assert.Equal((3, 2, 1), (result.Due, result.Sent, result.Failed));
        var batch = Assert.Single(batches.Batches);
        Assert.Equal(3, batch.Count);
        // The bodies are one text for all three: each recipient's unsubscribe token is a substitution.
        Assert.Single(batch.Select(m => (m.TextBody, m.HtmlBody)).Distinct());
        Assert.Contains(SubscriberBriefings.UnsubscribeTokenKey, batch[0].HtmlBody, StringComparison.Ordinal);
        foreach (var message in batch)
        {
            var (text, html) = MailBatch.Personalized(message);
            var token = SubscriptionLinks.TokenOf(message.Unsubscribe!.OneClickUrl);
            Assert.NotNull(token);
            Assert.Contains(message.Unsubscribe.OneClickUrl.AbsoluteUri, text, StringComparison.Ordinal);
            Assert.Contains("token=" + token, html, StringComparison.Ordinal);
            Assert.DoesNotContain(SubscriberBriefings.UnsubscribeTokenKey, text + html, StringComparison.Ordinal);
        }

        // The refused one was released, the others recorded: the next tick sends only the refused one.
        clock.Now = Start.AddHours(7);
        var retried = await Sender().SendDueAsync(clock.Now, new MailAddress("digest@digest.example"));
        Assert.Equal(1, retried.Sent);
        Assert.Equal("refuse@example.org", Assert.Single(mail.Sent).To.Address);
    }

    [Fact]
    public async Task A_manual_run_s_recipient_goes_through_the_same_ledger_once_and_a_refused_send_is_released()
    {
        await NewsUntilAsync(Start.AddDays(1));
        clock.Now = Start.AddHours(6);
        var brief = new BriefHandler(blobs, new StoryTracker(blobs, clock), new BriefingComposer(new Summarizer()), mail, SilentReporter.Instance);
        var briefing = await brief.BuildAsync(new DateOnly(2026, 3, 20), clock.Now.AddDays(-1), clock.Now);
        var from = new MailAddress("digest@digest.example");
        var refusing = new BriefHandler(blobs, new StoryTracker(blobs, clock), new BriefingComposer(new Summarizer()), new RefusingMail(), SilentReporter.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => refusing.SendAsync(briefing, ["Manual@Example.org"], from, clock.Now));
        var key = BriefHandler.RecipientKey("manual@example.org");
        var path = DeliveryLedger.PathOf(DeliveryLedger.RecipientsFolder, briefing.Date, key);
        Assert.Null(await blobs.GetAsync(Containers.Deliveries, path));

        Assert.Equal(1, await brief.SendAsync(briefing, ["Manual@Example.org"], from, clock.Now));
        Assert.Equal(0, await brief.SendAsync(briefing, ["manual@example.org"], from, clock.Now.AddHours(1)));

        Assert.Equal("Manual@Example.org", Assert.Single(mail.Sent).To.Address);
        var entry = await new DeliveryLedger(blobs, SilentReporter.Instance, folder: DeliveryLedger.RecipientsFolder).GetAsync(key, briefing.Date);
        Assert.Equal(clock.Now, entry!.SentAt);
        Assert.Equal(mail.Sent[0].MessageId, entry.MessageId);
        Assert.Equal($"recipients/2026-03-20/{key}.json", path);
    }

    [Fact]
    public async Task A_refused_send_releases_the_claim_so_the_next_tick_sends_once()
    {
        clock.Now = Start.AddDays(-1);
        await store.SubscribeAsync("reader@example.org", "UTC", 6, [], [], confirmed: true, clock.Now);
        await NewsUntilAsync(Start.AddDays(1));
        clock.Now = Start.AddHours(6);

        var refused = await Sender(new RefusingMail()).SendDueAsync(clock.Now, new MailAddress("digest@digest.example"));
        clock.Now = Start.AddHours(7);
        var retried = await Sender().SendDueAsync(clock.Now, new MailAddress("digest@digest.example"));

        Assert.Equal((1, 0), (refused.Failed, refused.Sent));
        Assert.Equal(1, retried.Sent);
        Assert.Single(mail.Sent);
    }

    [Fact]
    public async Task Two_runs_at_once_send_each_subscriber_one_message()
    {
        clock.Now = Start.AddDays(-1);
        for (var i = 0; i < 12; i++)
        {
            await store.SubscribeAsync($"reader{i}@example.org", "UTC", 6, [], [], confirmed: true, clock.Now);
        }

        await NewsUntilAsync(Start.AddDays(1));
        clock.Now = Start.AddHours(6);
        var slow = new CapturingMail(TimeSpan.FromMilliseconds(5));

        await Task.WhenAll(Sender(slow).SendDueAsync(clock.Now, new MailAddress("digest@digest.example")),
            Sender(slow).SendDueAsync(clock.Now, new MailAddress("digest@digest.example")));

        Assert.Equal(12, slow.Sent.Count);
        Assert.Equal(12, slow.Sent.Select(m => m.To.Address).Distinct(StringComparer.Ordinal).Count());
    }

    private sealed class CapturingMail(TimeSpan? delay = null) : IMailSender
    {
        private readonly ConcurrentQueue<MailMessage> sent = new();

        public List<MailMessage> Sent => [.. sent];

        public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            sent.Enqueue(message);
        }
    }

    /// <summary>Records each batch; refuses any recipient whose address starts with "refuse".</summary>
    private sealed class BatchMail : IMailSender
    {
        public List<List<MailMessage>> Batches { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default) => throw new InvalidOperationException("Batches only.");

        public Task<IReadOnlyList<MailSendResult>> SendBatchAsync(IReadOnlyList<MailMessage> messages, CancellationToken cancellationToken = default)
        {
            Batches.Add([.. messages]);
            return Task.FromResult<IReadOnlyList<MailSendResult>>([.. messages.Select(m => new MailSendResult(m,
                m.To.Address.StartsWith("refuse", StringComparison.Ordinal) ? new InvalidOperationException("550 mailbox unavailable") : null))]);
        }
    }

    private sealed class RefusingMail : IMailSender
    {
        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("550 mailbox unavailable");
    }

    /// <summary>Storage that takes the ledger's claim but fails the write that records the send: the crash window.</summary>
    private sealed class FailingLedgerWrites(InMemoryBlobStore inner) : IBlobStore
    {
        public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default) => inner.GetAsync(container, path, cancellationToken);

        public Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType, BlobCondition condition = default,
            CancellationToken cancellationToken = default)
            => condition.IfMatch is not null && container == Containers.Deliveries
                ? throw new IOException("the storage account went away")
                : inner.PutAsync(container, path, content, contentType, condition, cancellationToken);

        public Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default)
            => throw new IOException("the storage account went away");

        public IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(container, prefix, cancellationToken);
    }
}

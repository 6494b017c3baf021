using System.Text;
using System.Text.RegularExpressions;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Subscribers;

/// <summary>The double opt-in over the real store, token and links, with a mail port that keeps what it was given.</summary>
public sealed partial class SubscriptionFlowTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("flow-signing-key-0123456789abcdef0123456789");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBlobStore blobs = new();
    private readonly CapturingMail mail = new();
    private readonly CapturingReporter reporter = new();
    private readonly SettableClock clock = new(Now);
    private readonly SubscriberStore store;
    private readonly SubscriptionToken tokens = new(Key);
    private readonly SubscriptionFlow flow;

    public SubscriptionFlowTests()
    {
        store = new SubscriberStore(blobs, Key);
        var links = new SubscriptionLinks(new Uri("https://api.example/"), new Uri("https://site.example/"), tokens);
        flow = new SubscriptionFlow(store, tokens, links, mail, new MailAddress("digest@news.example", "Digest"), clock, reporter);
    }

    [Fact]
    public async Task Subscribe_mails_a_confirm_link_that_confirms()
    {
        var result = await flow.SubscribeAsync("Reader@Example.org", "Europe/Berlin", 6, ["harbour", "Harbour", " tides "], ["Coast News"]);

        Assert.True(result.IsAccepted);
        var id = store.IdOf("reader@example.org");
        var pending = (await store.GetAsync(id))!;
        Assert.False(pending.IsConfirmed);
        Assert.Equal(["harbour", "tides"], pending.Keywords);
        var message = Assert.Single(mail.Sent);
        Assert.Equal("Reader@Example.org", message.To.Address);
        Assert.Equal($"<confirm.{id}.20261201@news.example>", message.MessageId);
        Assert.DoesNotContain("harbour", message.TextBody, StringComparison.Ordinal);
        var token = TokenIn(message.TextBody);
        Assert.Contains("https://api.example/api/subscribers/confirm?token=" + token, message.HtmlBody, StringComparison.Ordinal);

        Assert.True(await flow.ConfirmAsync(token));
        Assert.True((await store.GetAsync(id))!.IsConfirmed);
        // The address is only ever logged masked.
        Assert.DoesNotContain(reporter.Lines, l => l.Contains("Reader@", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(reporter.Lines, l => l.Contains("R***@Example.org", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_form_sent_again_and_again_mails_a_pending_address_at_most_once_an_hour()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await flow.SubscribeAsync("reader@example.org", null, null, null, null)).IsAccepted);
            clock.Now = Now.AddMinutes(10 * (i + 1));
        }

        Assert.Single(mail.Sent);
        clock.Now = Now + SubscriptionFlow.ConfirmationPause;
        await flow.SubscribeAsync("reader@example.org", null, null, null, null);
        Assert.Equal(2, mail.Sent.Count);
        Assert.Equal(clock.Now, (await store.GetAsync(store.IdOf("reader@example.org")))!.ConfirmationSentAt);
    }

    [Fact]
    public async Task Forged_altered_expired_and_wrong_purpose_tokens_are_all_refused_alike()
    {
        await flow.SubscribeAsync("reader@example.org", null, null, null, null);
        var id = store.IdOf("reader@example.org");
        var good = TokenIn(Assert.Single(mail.Sent).TextBody);
        var otherKey = new SubscriptionToken(Encoding.ASCII.GetBytes("another-key-0123456789abcdef0123456789abcdef"));
        var parts = good.Split('.');
        var altered = parts[0] + "." + parts[1][..^1] + (parts[1][^1] == 'A' ? 'B' : 'A') + "." + parts[2];

        string?[] refused =
        [
            null, "", "v1", "v1.a.b", otherKey.Create(TokenPurpose.Confirm, id, Now.AddDays(1)), altered,
            tokens.Create(TokenPurpose.Unsubscribe, id, Now.AddDays(1)), tokens.Create(TokenPurpose.Confirm, id, Now.AddSeconds(-1)),
            good + "x", new string('a', 5000),
        ];
        foreach (var token in refused)
        {
            Assert.False(await flow.ConfirmAsync(token));
            Assert.False(flow.IsValid(token, TokenPurpose.Confirm));
        }

        // A live confirm link as an unsubscribe link is refused too: nothing changed.
        Assert.False(await flow.UnsubscribeAsync(good));
        Assert.False((await store.GetAsync(id))!.IsConfirmed);

        clock.Now = Now + SubscriptionLinks.ConfirmLifetime;
        Assert.False(await flow.ConfirmAsync(good));
        Assert.False((await store.GetAsync(id))!.IsConfirmed);
    }

    [Fact]
    public async Task Unsubscribe_removes_and_suppresses_and_a_suppressed_address_gets_no_mail()
    {
        await flow.SubscribeAsync("reader@example.org", null, null, null, null);
        var confirm = TokenIn(mail.Sent[0].TextBody);
        var id = store.IdOf("reader@example.org");
        var unsubscribe = tokens.Create(TokenPurpose.Unsubscribe, id, Now.AddDays(1));

        Assert.True(await flow.UnsubscribeAsync(unsubscribe));
        Assert.True(await flow.UnsubscribeAsync(unsubscribe));
        Assert.Null(await store.GetAsync(id));
        Assert.NotNull(await blobs.GetAsync(Containers.Subscribers, SubscriberStore.SuppressedPath(id)));

        var again = await flow.SubscribeAsync("reader@example.org", "UTC", 7, null, null);
        Assert.True(again.IsAccepted);
        Assert.Single(mail.Sent);
        Assert.Null(await store.GetAsync(id));
        // The confirm link from before the unsubscribe does nothing now.
        Assert.False(await flow.ConfirmAsync(confirm));
        Assert.Null(await store.GetAsync(id));
    }

    [Fact]
    public async Task A_confirmed_subscriber_gets_no_new_mail_and_keeps_its_settings()
    {
        await store.SubscribeAsync("reader@example.org", "Europe/Berlin", 6, [], [], confirmed: true, Now);

        var result = await flow.SubscribeAsync("reader@example.org", "America/New_York", 20, ["spam"], null);

        Assert.True(result.IsAccepted);
        Assert.Empty(mail.Sent);
        var kept = (await store.GetAsync(store.IdOf("reader@example.org")))!;
        Assert.Equal(("Europe/Berlin", 6, 0), (kept.TimeZone, kept.SendHour, kept.Keywords.Count));
    }

    [Theory]
    [InlineData("reader@example.org\r\nBcc: all@example.org", null, null)]
    [InlineData("Reader <reader@example.org>", null, null)]
    [InlineData("reader@example.org, other@example.org", null, null)]
    [InlineData("not-an-address", null, null)]
    [InlineData("reader@example.org", "Mars/Olympus", null)]
    [InlineData("reader@example.org", "../../../etc/passwd", null)]
    [InlineData("reader@example.org", "Pacific Standard Time", null)]
    [InlineData("reader@example.org", "UTC", 24)]
    [InlineData("reader@example.org", "UTC", -1)]
    public async Task Malformed_requests_are_refused_without_echo_and_without_mail(string email, string? zone, int? hour)
    {
        var result = await flow.SubscribeAsync(email, zone, hour, null, null);

        Assert.False(result.IsAccepted);
        Assert.DoesNotContain("example.org", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("etc", result.Error!, StringComparison.Ordinal);
        Assert.Empty(mail.Sent);
        Assert.Equal(0, await CountSubscriberBlobsAsync());
    }

    [Fact]
    public async Task Hostile_or_oversized_lists_are_refused()
    {
        string[][] lists =
        [
            ["<script>alert(1)</script>"], ["line\nbreak"], ["bidi\u202Eword"], [""], [new string('k', 101)],
            [.. Enumerable.Range(0, 21).Select(i => "w" + i)],
        ];
        foreach (var list in lists)
        {
            Assert.False((await flow.SubscribeAsync("reader@example.org", null, null, list, null)).IsAccepted);
            Assert.False((await flow.SubscribeAsync("reader@example.org", null, null, null, list)).IsAccepted);
        }

        Assert.Empty(mail.Sent);
    }

    private async Task<int> CountSubscriberBlobsAsync()
    {
        var count = 0;
        await foreach (var _ in blobs.ListAsync(Containers.Subscribers))
        {
            count++;
        }

        return count;
    }

    private static string TokenIn(string text) => TokenPattern().Match(text).Groups[1].Value;

    [GeneratedRegex(@"confirm\?token=([A-Za-z0-9._-]+)")]
    private static partial Regex TokenPattern();

    private sealed class CapturingMail : IMailSender
    {
        public List<MailMessage> Sent { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class CapturingReporter : IRunReporter
    {
        public List<string> Lines { get; } = [];

        public void Info(string message) => Lines.Add(message);

        public void Warning(string message) => Lines.Add(message);
    }
}

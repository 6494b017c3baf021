using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Stories;
using Digest.Core.Summaries;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Briefings;

/// <summary>What the brief stage hands to the mail port when stories carry hostile headlines and links.</summary>
public sealed class BriefingMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 3, 6, 0, 0, TimeSpan.Zero);

    private sealed class CapturingMail : IMailSender
    {
        public List<MailMessage> Sent { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_subject_is_one_clean_line_and_the_bodies_link_only_http()
    {
        // As an archive written before extraction cleaned titles and checked canonical URLs could hold them.
        var hostile = TestArticles.Make("h1", "Valley Post", Now.AddHours(-2), "Harbour\0 reopens\r\nBcc: x@y \u202Eevil", "The harbour reopened on Tuesday after repairs, the port authority said.",
            ArticleStatus.Processed) with { CanonicalUrl = new Uri("javascript:alert(1)"), StoryId = "s" };
        var local = TestArticles.Make("k1", "Kalder Herald", Now.AddHours(-1), "Harbour reopens to ships", "Ships returned to the harbour on Tuesday, the port authority said.",
            ArticleStatus.Processed) with { Url = new Uri("file:///srv/samples/k1.html"), StoryId = "s" };
        var story = new Story { Id = "s", Title = hostile.Title, ArticleIds = ["h1", "k1"], FirstSeen = hostile.Published, LastUpdated = local.Published };
        var briefing = new BriefingComposer(new Summarizer()).Compose(DateOnly.FromDateTime(Now.UtcDateTime), Now.AddHours(-24), Now,
            [new StoryWithArticles(story, [hostile, local])]);
        var mail = new CapturingMail();
        var handler = new BriefHandler(new InMemoryBlobStore(), new StoryTracker(new InMemoryBlobStore(), new FixedClock(Now)),
            new BriefingComposer(new Summarizer()), mail, SilentReporter.Instance);

        await handler.SendAsync(briefing, ["reader@mail.example"], new MailAddress("digest@digest.example", "Digest"), Now);

        var message = Assert.Single(mail.Sent);
        Assert.DoesNotContain(message.Subject, c => char.IsControl(c) || c == '\u202E');
        Assert.StartsWith("Digest 3 Jun: Harbour", message.Subject, StringComparison.Ordinal);
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("file:", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("https://valley-post.example/h1", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Kalder Herald: &ldquo;Harbour reopens to ships&rdquo;", message.HtmlBody, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Functions.Http;
using Digest.Functions.Tests.Support;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Functions.Tests.Triggers;

/// <summary>
/// The subscription functions, created from the real composition root, on Azurite: subscribe, the confirm link read
/// from the mail in the outbox, a GET that changes nothing, the POST that confirms, the one-click unsubscribe, and the
/// suppressed address that subscribes again and gets no mail and the same answer.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class SubscriptionsOnAzuriteTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Subscribe_confirm_and_unsubscribe_through_the_functions()
    {
        var clock = new FixedClock(Now);
        using var app = DigestApp.Start(TestSettings.With(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:Data"] = temp.Path,
            ["Digest:HostJson"] = RepoPaths.HostJson,
        }), clock);
        var api = app.Create<SubscriptionsApi>();
        var store = app.Get<SubscriberStore>();
        var outbox = Path.Combine(temp.Path, "outbox");
        const string address = "functions-reader@example.org";
        var id = store.IdOf(address);

        var subscribed = await HttpCalls.ExecuteAsync(await api.SubscribeAsync(HttpCalls.Request("POST",
            """{"email": "functions-reader@example.org", "timeZone": "Europe/Berlin", "hour": 6, "keywords": ["harbour"]}"""), CancellationToken.None));
        Assert.Equal(202, subscribed.Status);
        Assert.Equal("check your inbox", subscribed.Json.GetProperty("status").GetString());
        var pending = await store.GetAsync(id);
        Assert.NotNull(pending);
        Assert.False(pending.IsConfirmed);
        Assert.Equal(("Europe/Berlin", 6), (pending.TimeZone, pending.SendHour));

        var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(outbox, "*.eml")));
        Assert.Equal(address, ((MimeKit.MailboxAddress)mail.To.Single()).Address);
        var link = new Uri(ConfirmLink().Match(mail.TextBody!).Value);
        Assert.Equal("digest.example", link.Host);
        Assert.Contains(link.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), mail.HtmlBody!, StringComparison.Ordinal);
        var query = link.Query;

        // A link scanner's GET: a page with the button, nothing confirmed.
        var page = await HttpCalls.ExecuteAsync(await api.ConfirmAsync(HttpCalls.Request("GET", query: query), CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", page.Text, StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", page.Headers!.ContentSecurityPolicy.ToString());
        Assert.Equal("no-referrer", page.Headers["Referrer-Policy"].ToString());
        Assert.Equal("no-store", page.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", page.Headers.XContentTypeOptions.ToString());
        Assert.DoesNotContain("v1.", page.Text, StringComparison.Ordinal);
        Assert.False((await store.GetAsync(id))!.IsConfirmed);

        var confirmed = await HttpCalls.ExecuteAsync(await api.ConfirmAsync(HttpCalls.Request("POST", query: query), CancellationToken.None));
        Assert.Equal(200, confirmed.Status);
        Assert.Contains("Subscribed", confirmed.Text, StringComparison.Ordinal);
        Assert.True((await store.GetAsync(id))!.IsConfirmed);

        // Subscribing a confirmed address again: the same 202, no mail, and its settings are not rewritten by a stranger.
        var again = await HttpCalls.ExecuteAsync(await api.SubscribeAsync(HttpCalls.Request("POST",
            """{"email": "functions-reader@example.org", "hour": 23}"""), CancellationToken.None));
        Assert.Equal(subscribed.Text, again.Text);
        Assert.Equal(6, (await store.GetAsync(id))!.SendHour);
        Assert.Single(Directory.GetFiles(outbox, "*.eml"));

        // One-click unsubscribe (RFC 8058): a form POST with List-Unsubscribe=One-Click, no cookies, no session.
        var unsubscribeQuery = app.Get<SubscriptionLinks>().Unsubscribe(id, Now).Query;
        var unsubscribePage = await HttpCalls.ExecuteAsync(await api.UnsubscribeAsync(HttpCalls.Request("GET", query: unsubscribeQuery), CancellationToken.None));
        Assert.Equal(200, unsubscribePage.Status);
        Assert.NotNull(await store.GetAsync(id));
        var oneClick = HttpCalls.Request("POST", "List-Unsubscribe=One-Click", unsubscribeQuery);
        oneClick.ContentType = "application/x-www-form-urlencoded";
        var unsubscribed = await HttpCalls.ExecuteAsync(await api.UnsubscribeAsync(oneClick, CancellationToken.None));
        Assert.Equal(200, unsubscribed.Status);
        Assert.Null(await store.GetAsync(id));
        Assert.NotNull(await app.Get<IBlobStore>().GetAsync(Containers.Subscribers, SubscriberStore.SuppressedPath(id)));

        // Suppressed: subscribing again gets the same 202 and no mail; the old confirm link is refused like a forged one.
        var suppressed = await HttpCalls.ExecuteAsync(await api.SubscribeAsync(HttpCalls.Request("POST",
            """{"email": "functions-reader@example.org"}"""), CancellationToken.None));
        Assert.Equal(subscribed.Text, suppressed.Text);
        Assert.Single(Directory.GetFiles(outbox, "*.eml"));
        Assert.Null(await store.GetAsync(id));
        var replayed = await HttpCalls.ExecuteAsync(await api.ConfirmAsync(HttpCalls.Request("POST", query: query), CancellationToken.None));
        var forged = await HttpCalls.ExecuteAsync(await api.ConfirmAsync(HttpCalls.Request("POST", query: "?token=v1.AAAA.BBBB"), CancellationToken.None));
        Assert.Equal(400, replayed.Status);
        Assert.Equal(forged.Text, replayed.Text);
        Assert.Null(await store.GetAsync(id));

        var malformed = await HttpCalls.ExecuteAsync(await api.SubscribeAsync(HttpCalls.Request("POST", """{"email": "no"}"""), CancellationToken.None));
        Assert.Equal(400, malformed.Status);
        Assert.StartsWith("application/problem+json", malformed.ContentType, StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();

    [GeneratedRegex(@"https://digest\.example/api/subscribers/confirm\?token=[A-Za-z0-9._-]+")]
    private static partial Regex ConfirmLink();
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;

namespace Digest.Cli.Tests.Serve;

/// <summary>
/// The subscription routes of <c>digest serve</c> over real HTTP on the embedded store: reachable without the function
/// key while the admin routes still need it; subscribe, the confirm link read from the outbox's mail, a GET that
/// changes nothing, the POST that confirms; hostile and oversized input refused; bad links all alike.
/// </summary>
public sealed partial class ServeSubscriptionTests : SampleSiteTest
{
    private const string Key = "serve-subscription-key";

    [Fact]
    public async Task Subscription_routes_answer_without_the_key_and_the_double_opt_in_works_end_to_end()
    {
        var port = FreePort();
        var data = Temp.Sub("data");
        var environment = new Dictionary<string, string?>
        {
            ["DIGEST_FUNCTIONS_KEY"] = Key,
            // Neither timer fires within the test.
            ["FetchSchedule"] = "0 0 0 1 1 *",
            ["BriefingSchedule"] = "0 0 0 1 1 *",
        };
        var log = new StringWriter();
        var stderr = TextWriter.Synchronized(log);
        var options = ServeCommand.Resolve(SourcesFile, data, storage: null, SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture),
            port, stderr, name => environment.GetValueOrDefault(name));
        using var stop = new CancellationTokenSource();
        var serving = ServeCommand.RunAsync(options, stderr, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            HttpStatusCode? first = null;
            while (first is null)
            {
                Assert.False(serving.IsCompleted, "digest serve stopped: " + log);
                Assert.True(DateTime.UtcNow < deadline, "digest serve did not listen; it said: " + log);
                try
                {
                    using var probe = await http.GetAsync("api/subscribers/confirm?token=x");
                    first = probe.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            // Without a key: the subscription routes answer, the admin routes do not.
            Assert.Equal(HttpStatusCode.BadRequest, first);
            using (var admin = await http.GetAsync("api/briefings"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
            }

            var accepted = await PostJsonAsync(http, """{"email": "serve-reader@example.org", "timeZone": "America/New_York", "hour": 8}""");
            Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
            Assert.Equal("check your inbox", System.Text.Json.JsonDocument.Parse(accepted.Text).RootElement.GetProperty("status").GetString());
            var outbox = Path.Combine(data, "outbox");
            var mail = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(outbox, "*.eml")));
            // The link points at this host by default (Digest:PublicBaseUrl unset).
            var link = ConfirmLink().Match(mail.TextBody!).Value;
            Assert.StartsWith($"http://127.0.0.1:{port}/api/subscribers/confirm?token=v1.", link, StringComparison.Ordinal);

            using (var page = await http.GetAsync(link))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
                Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
                    string.Join(",", page.Headers.GetValues("Content-Security-Policy")));
                Assert.Equal("no-referrer", string.Join(",", page.Headers.GetValues("Referrer-Policy")));
                Assert.Equal("nosniff", string.Join(",", page.Headers.GetValues("X-Content-Type-Options")));
                Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
                Assert.Contains("<form method=\"post\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // The GET changed nothing: `digest subscribers list` still shows the subscriber waiting.
            Assert.Contains("pending", await ListAsync(data), StringComparison.Ordinal);
            using (var confirm = await http.PostAsync(link, new FormUrlEncodedContent([])))
            {
                Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
                Assert.Contains("<h1>Subscribed</h1>", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Contains("confirmed", await ListAsync(data), StringComparison.Ordinal);

            // Hostile input: a header injection, markup in a keyword, a body over the cap; refused, never echoed.
            var injected = await PostJsonAsync(http, """{"email": "a@example.org\r\nBcc: all@example.org"}""");
            var script = await PostJsonAsync(http, """{"email": "b@example.org", "keywords": ["<script>alert(1)</script>"]}""");
            var huge = await PostJsonAsync(http, """{"email": "c@example.org", "keywords": [""" + string.Join(",", Enumerable.Repeat("\"harbour\"", 3000)) + "]}");
            Assert.All(new[] { injected, script, huge }, answer =>
            {
                Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
                Assert.DoesNotContain("example.org", answer.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("<script", answer.Text, StringComparison.Ordinal);
            });
            Assert.Contains("larger than", huge.Text, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(outbox, "*.eml"));

            // Every bad link, whatever is wrong with it, gets the same page.
            var texts = new List<string>();
            foreach (var bad in new[] { "", "?token=", "?token=v1.AAAA.BBBB", "?token=<script>", link[link.IndexOf('?', StringComparison.Ordinal)..] + "x" })
            {
                using var answer = await http.PostAsync("api/subscribers/unsubscribe" + bad, new StringContent("List-Unsubscribe=One-Click",
                    Encoding.ASCII, "application/x-www-form-urlencoded"));
                Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
                texts.Add(await answer.Content.ReadAsStringAsync());
            }

            Assert.Single(texts.Distinct());
            Assert.DoesNotContain("<script", texts[0], StringComparison.Ordinal);
            // The confirm link is not an unsubscribe link: the subscriber is still there.
            Assert.Contains("confirmed", await ListAsync(data), StringComparison.Ordinal);

            // One-click unsubscribe with a link signed by the data folder's own key (no key configured): GET shows the
            // button and changes nothing, the RFC 8058 POST removes the subscriber and leaves its suppression.
            var key = await File.ReadAllBytesAsync(Path.Combine(data, "keys", "token-signing.key"));
            var id = Digest.Core.Subscribers.SubscriberId.Of("serve-reader@example.org", key);
            var unsubscribe = new Digest.Core.Subscribers.SubscriptionLinks(new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{port}/"),
                new Digest.Core.Subscribers.SubscriptionToken(key)).Unsubscribe(id, SampleCorpus.Now);
            using (var page = await http.GetAsync(unsubscribe))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Contains("confirmed", await ListAsync(data), StringComparison.Ordinal);
            using (var oneClick = await http.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))
            {
                Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
                Assert.Contains("<h1>Unsubscribed</h1>", await oneClick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal("", await ListAsync(data));
            Assert.True(File.Exists(Path.Combine(data, "subscribers", "suppressed", id + ".json")));
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>
    /// What <c>digest subscribers list</c> prints, read through the store's blobs directly: serve holds the data folder's
    /// lock, so the CLI cannot open it while it runs.
    /// </summary>
    private static async Task<string> ListAsync(string data)
    {
        var text = new StringBuilder();
        var active = Path.Combine(data, "subscribers", "active");
        foreach (var file in Directory.Exists(active) ? Directory.GetFiles(active, "*.json") : [])
        {
            var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;
            text.AppendLine(json.TryGetProperty("confirmedAt", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null ? "confirmed" : "pending");
        }

        return text.ToString();
    }

    private static async Task<(HttpStatusCode Status, string Text)> PostJsonAsync(HttpClient http, string body)
    {
        using var response = await http.PostAsync("api/subscribers", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/api/subscribers/confirm\?token=[A-Za-z0-9._-]+")]
    private static partial Regex ConfirmLink();
}

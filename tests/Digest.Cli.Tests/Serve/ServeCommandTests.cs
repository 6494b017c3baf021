using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Digest.Core.Queueing;
using Digest.Infrastructure.FileSystem;
using Digest.Infrastructure.Queueing;

namespace Digest.Cli.Tests.Serve;

/// <summary>
/// <c>digest serve</c> end to end over HTTP on a free port: the fetch timer and the queue workers take the sample corpus
/// (served over loopback HTTP) through the stages on the embedded store; the HTTP API answers behind its key, with JSON
/// problems for bad input; a manual run is idempotent by its request id; cancellation (what Ctrl-C and SIGTERM do)
/// stops it cleanly and releases the data folder.
/// </summary>
public sealed class ServeCommandTests : SampleSiteTest
{
    private const string Key = "serve-test-key";

    [Fact]
    public async Task Serve_runs_the_app_behind_its_key_and_stops_cleanly()
    {
        var port = FreePort();
        var data = Temp.Sub("data");
        var environment = new Dictionary<string, string?>
        {
            ["DIGEST_FUNCTIONS_KEY"] = Key,
            ["FetchSchedule"] = "*/2 * * * * *",
            // Not within the test: the manual run below is what sends.
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
            await WaitForAsync(async () =>
            {
                var sources = await GetAsync(http, "api/sources");
                return sources.Status == 200
                       && sources.Json.GetProperty("sources").EnumerateArray().All(s => s.GetProperty("status").GetString() == "ok");
            }, serving, log);
            var queue = new FileSystemMessageQueue(Path.Combine(data, "queues"), TimeProvider.System);
            await WaitForAsync(async () => await queue.CountAsync(QueueNames.Pages) == 0 && await queue.CountAsync(QueueNames.Articles) == 0
                                           && Directory.Exists(Path.Combine(data, "articles")), serving, log);

            // The key: missing, wrong or in the wrong header, the same 401 that names nothing.
            var missing = await GetAsync(http, "api/briefings", key: null);
            var wrong = await GetAsync(http, "api/briefings", key: "not-the-key");
            using var misplaced = new HttpRequestMessage(HttpMethod.Get, "api/briefings");
            misplaced.Headers.Add("x-function-key", Key);
            var misplacedAnswer = await http.SendAsync(misplaced);
            Assert.Equal(401, missing.Status);
            Assert.Equal(missing.Text, wrong.Text);
            Assert.Equal(HttpStatusCode.Unauthorized, misplacedAnswer.StatusCode);
            Assert.StartsWith("application/problem+json", missing.ContentType, StringComparison.Ordinal);
            Assert.Equal(200, (await GetAsync(http, $"api/briefings?code={Key}", key: null)).Status);

            var unknown = await GetAsync(http, "api/nothing-here");
            Assert.Equal(404, unknown.Status);
            Assert.Equal(404, unknown.Json.GetProperty("status").GetInt32());
            var file = await GetAsync(http, "favicon.ico", key: null);
            Assert.Equal(404, file.Status);
            Assert.StartsWith("application/problem+json", file.ContentType, StringComparison.Ordinal);
            using (var delete = new HttpRequestMessage(HttpMethod.Delete, "api/briefings"))
            {
                delete.Headers.Add("x-functions-key", Key);
                var deleted = await SendAsync(http, delete);
                Assert.Equal(404, deleted.Status);
                Assert.StartsWith("application/problem+json", deleted.ContentType, StringComparison.Ordinal);
            }

            var badDate = await GetAsync(http, "api/briefings/2026-13-01");
            Assert.Equal(400, badDate.Status);
            Assert.Contains("yyyy-MM-dd", badDate.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(404, (await GetAsync(http, "api/briefings/2026-03-01")).Status);

            const string run = """{"requestId": "serve-1", "date": "2026-03-12"}""";
            var first = await PostAsync(http, "api/briefings/run", run);
            Assert.True(first.Status == 200, first.Text);
            Assert.True(first.Json.GetProperty("stories").GetInt32() > 0, first.Text);
            Assert.Equal(1, first.Json.GetProperty("sent").GetInt32());
            var second = await PostAsync(http, "api/briefings/run", run);
            Assert.True(second.Json.GetProperty("replayed").GetBoolean());
            Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml"));
            Assert.Equal(400, (await PostAsync(http, "api/briefings/run", """{"date": "2026-03-12"}""")).Status);
            Assert.Equal(400, (await PostAsync(http, "api/briefings/run", """{"requestId": "x", "extra": 1}""")).Status);

            var list = await GetAsync(http, "api/briefings");
            Assert.Equal(["2026-03-12"], list.Json.GetProperty("briefings").EnumerateArray().Select(e => e.GetString()));
            var briefing = await GetAsync(http, "api/briefings/2026-03-12");
            var story = briefing.Json.GetProperty("stories")[0];
            var storyId = story.GetProperty("storyId").GetString();
            Assert.Equal(storyId, (await GetAsync(http, $"api/stories/{storyId}")).Json.GetProperty("id").GetString());
            var articleId = story.GetProperty("coverage")[0].GetProperty("articleId").GetString();
            Assert.Equal(articleId, (await GetAsync(http, $"api/articles/{articleId}")).Json.GetProperty("id").GetString());
            Assert.Equal(404, (await GetAsync(http, "api/articles/..%2F..%2Fstate%2Fstory-index")).Status);

            // The archive site at "/", written before the run's mail: the web copy its links point to is there, no key.
            var home = await GetAsync(http, "", key: null);
            Assert.Equal(200, home.Status);
            Assert.StartsWith("text/html", home.ContentType, StringComparison.Ordinal);
            Assert.Contains("briefings/2026-03-12/index.html", home.Text, StringComparison.Ordinal);
            var webCopy = await GetAsync(http, "briefings/2026-03-12/", key: null);
            Assert.Equal(200, webCopy.Status);
            Assert.Contains($"stories/{storyId}/index.html", webCopy.Text, StringComparison.Ordinal);
            Assert.Equal(200, (await GetAsync(http, $"stories/{storyId}/", key: null)).Status);
            // The API's story answer links the story's page on the site.
            using (var storyRequest = new HttpRequestMessage(HttpMethod.Get, $"api/stories/{storyId}"))
            {
                storyRequest.Headers.Add("x-functions-key", Key);
                using var storyAnswer = await http.SendAsync(storyRequest);
                Assert.Equal($"<http://127.0.0.1:{port}/stories/{storyId}/>; rel=\"alternate\"; type=\"text/html\"",
                    Assert.Single(storyAnswer.Headers.GetValues("Link")));
            }

            using (var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress })
            {
                using var folder = await noRedirects.GetAsync("briefings/2026-03-12");
                Assert.Equal(HttpStatusCode.MovedPermanently, folder.StatusCode);
                Assert.Equal("/briefings/2026-03-12/", folder.Headers.Location?.OriginalString);
            }

            // A path no page can have is the API's 404; a missing page is the site's own, as the static website answers.
            var hidden = await GetAsync(http, "briefings/2026-03-12/.index.html.meta", key: null);
            Assert.Equal(404, hidden.Status);
            Assert.StartsWith("application/problem+json", hidden.ContentType, StringComparison.Ordinal);
            foreach (var missingPage in new[] { "state/site/manifest.json", "briefings/2099-01-01/" })
            {
                var answer = await GetAsync(http, missingPage, key: null);
                Assert.Equal(404, answer.Status);
                Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
                Assert.Contains("<h1>Page not found</h1>", answer.Text, StringComparison.Ordinal);
                Assert.Contains("href=\"/index.html\"", answer.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("manifest", answer.Text, StringComparison.Ordinal);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Stopped.", log.ToString(), StringComparison.Ordinal);
        // Nothing left in flight or half-done: the data folder is free again and its queues are empty but for feeds.
        using (DataFolderLock.Acquire(data))
        {
        }

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("api/sources"));
    }

    [Fact]
    public async Task A_bad_setting_stops_serve_before_any_work_with_one_error_per_setting()
    {
        var stderr = new StringWriter();
        var environment = new Dictionary<string, string?> { ["Digest__Mail__Kind"] = "pigeon", ["FetchSchedule"] = "0 0 * * * *" };
        var options = ServeCommand.Resolve(SourcesFile, Temp.Sub("bad"), storage: "UseDevelopmentStorage=true;AccountKey=%%%", null,
            FreePort(), stderr, name => environment.GetValueOrDefault(name));

        var exit = await ServeCommand.RunAsync(options with
        {
            Settings = new Dictionary<string, string?>(options.Settings) { ["Digest:Mail:Kind"] = "pigeon" },
        }, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("error: Digest:Storage", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("error: Digest:Mail:Kind", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("%%%", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Temp.Sub("bad")));
    }

    [Fact]
    public void A_schedule_that_is_not_ncrontab_is_named()
    {
        var error = Assert.Throws<Infrastructure.Configuration.ConfigurationException>(() => ServeCommand.Resolve(SourcesFile,
            Temp.Sub("d"), null, null, FreePort(), TextWriter.Null, name => name == "FetchSchedule" ? "every hour\u001b[31m" : null));

        Assert.Contains("FetchSchedule", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, Task serving, TextWriter stderr)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            Assert.False(serving.IsCompleted, "digest serve stopped: " + stderr);
            Assert.True(DateTime.UtcNow < deadline, "timed out; digest serve said: " + stderr);
            await Task.Delay(250);
        }
    }

    private static async Task<Answer> GetAsync(HttpClient http, string path, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await SendAsync(http, request);
    }

    private static async Task<Answer> PostAsync(HttpClient http, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", Key);
        return await SendAsync(http, request);
    }

    private static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Answer(int Status, string ContentType, string Text)
    {
        public JsonElement Json => JsonDocument.Parse(Text).RootElement;
    }
}

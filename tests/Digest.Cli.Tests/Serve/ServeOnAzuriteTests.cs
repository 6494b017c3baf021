using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Cli.Tests.Serve;

/// <summary>
/// <c>digest serve --storage</c> on Azurite: blobs and queues in the account (base64 messages, as the Functions app
/// reads them), the data folder keeping only the lock and the outbox. Its own Azurite, not the collection's: the
/// pipeline's container names are fixed, and the collection's tests count what they archive.
/// </summary>
public sealed class ServeOnAzuriteTests : SampleSiteTest
{
    private const string Key = "azurite-serve-key";

    [Fact]
    public async Task Serve_with_storage_runs_the_stages_on_the_account()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var port = FreePort();
            var data = Temp.Sub("data");
            var environment = new Dictionary<string, string?>
            {
                ["DIGEST_FUNCTIONS_KEY"] = Key,
                // Required with a storage account: the key `digest subscribers --storage` reads too.
                ["DIGEST_TOKEN_SIGNING_KEY"] = Convert.ToBase64String(Encoding.ASCII.GetBytes("serve-on-azurite-signing-key-0123456789")),
                ["FetchSchedule"] = "*/2 * * * * *",
                ["BriefingSchedule"] = "0 0 0 1 1 *",
            };
            var log = new StringWriter();
            var stderr = TextWriter.Synchronized(log);
            var options = ServeCommand.Resolve(SourcesFile, data, azurite.ConnectionString,
                SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture), port, stderr, name => environment.GetValueOrDefault(name));
            using var stop = new CancellationTokenSource();
            var serving = ServeCommand.RunAsync(options, stderr, stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Add("x-functions-key", Key);
            try
            {
                // Stories appear once the articles are folded; a dry run per poll composes without sending.
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
                var poll = 0;
                JsonElement result;
                while (true)
                {
                    Assert.False(serving.IsCompleted, "digest serve stopped: " + log);
                    Assert.True(DateTime.UtcNow < deadline, "no stories in time; digest serve said: " + log);
                    using var body = new StringContent($$"""{"requestId": "poll-{{poll++}}", "date": "2026-03-12", "dryRun": true}""",
                        Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync("api/briefings/run", body);
                    result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    if (response.StatusCode == HttpStatusCode.OK && result.GetProperty("stories").GetInt32() > 0)
                    {
                        break;
                    }

                    await Task.Delay(1000);
                }

                Assert.Contains("Data: http://127.0.0.1:", log.ToString(), StringComparison.Ordinal);
                var sources = JsonDocument.Parse(await http.GetStringAsync("api/sources")).RootElement;
                Assert.All(sources.GetProperty("sources").EnumerateArray(), s => Assert.Equal("ok", s.GetProperty("status").GetString()));
                Assert.False(Directory.Exists(Path.Combine(data, "articles")));
                Assert.False(Directory.Exists(Path.Combine(data, "queues")));
            }
            finally
            {
                await stop.CancelAsync();
            }

            Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

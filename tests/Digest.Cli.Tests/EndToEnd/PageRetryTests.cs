using System.Globalization;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// A page that fails is retried by a later <c>digest run</c> once its delay has passed (by the run's clock,
/// <c>--now</c>), not before, and given up after <c>maxPageAttempts</c>; the healthy pages are not held up by it.
/// </summary>
public sealed class PageRetryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();
    private readonly Dictionary<string, int> hits = new(StringComparer.Ordinal);
    private LoopbackApp? outlet;
    private Uri baseUri = null!;
    private volatile bool flakyHealed;

    public async Task InitializeAsync()
    {
        outlet = await LoopbackApp.StartAsync("127.0.0.1", ServeAsync);
        baseUri = outlet.BaseUri;
    }

    public async Task DisposeAsync()
    {
        if (outlet is not null)
        {
            await outlet.DisposeAsync();
        }

        temp.Dispose();
    }

    [Fact]
    public async Task A_failed_page_is_retried_in_a_later_run_after_its_delay_and_given_up_after_the_allowed_attempts()
    {
        var sources = temp.Sub("sources.json");
        File.WriteAllText(sources, $$"""
            {
              "sources": [ { "name": "Flaky Courier", "url": "{{baseUri}}feed.xml" } ],
              "limits": { "retryDelayMinutes": 30, "maxPageAttempts": 2 }
            }
            """);
        var data = temp.Sub("data");

        var first = await RunAsync(sources, data, Now);
        var tooSoon = await RunAsync(sources, data, Now + TimeSpan.FromMinutes(10));
        flakyHealed = true;
        var due = await RunAsync(sources, data, Now + TimeSpan.FromMinutes(31));
        var later = await RunAsync(sources, data, Now + TimeSpan.FromDays(2));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("1 new article(s) from 1 of 1 source(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains("Left for later: 2 item(s) over budget or waiting for a retry", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 new article(s)", tooSoon.Output, StringComparison.Ordinal);
        Assert.Contains("Left for later: 2 item(s)", tooSoon.Output, StringComparison.Ordinal);
        Assert.Contains("1 new article(s)", due.Output, StringComparison.Ordinal);
        Assert.Contains("giving up after 2 failed attempts", due.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Left for later", due.Output, StringComparison.Ordinal);
        Assert.Contains("0 new article(s)", later.Output, StringComparison.Ordinal);

        // One attempt per due run, none while waiting, none once given up.
        Assert.Equal(1, hits["/healthy.html"]);
        Assert.Equal(2, hits["/flaky.html"]);
        Assert.Equal(2, hits["/dead.html"]);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(data, "articles"), "*.json").Length);
        var failures = Directory.GetFiles(Path.Combine(data, "state", "page-failures"), "*.json", SearchOption.AllDirectories);
        var record = File.ReadAllText(Assert.Single(failures));
        Assert.Contains("\"gaveUp\": true", record, StringComparison.Ordinal);
        Assert.Contains("dead.html", record, StringComparison.Ordinal);
    }

    private static Task<CliResult> RunAsync(string sources, string data, DateTimeOffset now)
        => CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", sources, "--data", data, "--no-send",
            "--now", now.ToString("O", CultureInfo.InvariantCulture));

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        lock (hits)
        {
            hits[path] = hits.GetValueOrDefault(path) + 1;
        }

        var response = context.Response;
        switch (path)
        {
            case "/feed.xml":
                response.ContentType = "application/rss+xml";
                await response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flaky</title>"
                    + Item("healthy", "Ferry timetable changes") + Item("flaky", "Council budget vote delayed") + Item("dead", "Harbour wall repaired")
                    + "</channel></rss>");
                break;
            case "/healthy.html":
                await Page(response, "Ferry timetable changes", "The ferry timetable changes in June.");
                break;
            case "/flaky.html" when flakyHealed:
                await Page(response, "Council budget vote delayed", "The council delayed its budget vote to July.");
                break;
            default:
                // Not found rather than unavailable: the fetcher gives up on it at once instead of retrying within the run.
                response.StatusCode = 404;
                break;
        }
    }

    private string Item(string slug, string title)
        => $"<item><title>{title}</title><link>{baseUri}{slug}.html</link><guid>{slug}</guid><pubDate>Mon, 04 May 2026 08:00:00 +0000</pubDate></item>";

    private static Task Page(HttpResponse response, string title, string lead)
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<p>{lead} Paragraph {i.ToString(CultureInfo.InvariantCulture)} goes on to say that residents were consulted for several months before the council took its final decision on the matter.</p>"));
        response.ContentType = "text/html";
        return response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>");
    }
}

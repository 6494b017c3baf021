using System.Globalization;
using System.IO.Compression;
using System.Text;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// <c>digest run</c> with hostile feeds next to a healthy one, all on loopback: the attacks found when the product was
/// tried as an attacker would (README, "Hostile sources"). The healthy outlet must be served, nothing local or internal
/// may be read, and a second run must work as well as the first.
/// </summary>
public sealed class HostileSourcesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();
    private readonly List<string> internalHits = [];
    private LoopbackApp? outlets;
    private LoopbackApp? intranet;
    private Uri outletBase = null!;
    private Uri intranetBase = null!;

    public async Task InitializeAsync()
    {
        // The "internal" service listens on another loopback address than the outlets: only the outlets' host is the
        // operator's, so nothing may reach this one.
        intranet = await LoopbackApp.StartAsync("127.0.0.2", context =>
        {
            lock (internalHits)
            {
                internalHits.Add(context.Request.Path.Value ?? "/");
            }

            return context.Response.WriteAsync(Page("Internal secret", "The internal secret is swordfish."));
        });
        intranetBase = intranet.BaseUri;
        outlets = await LoopbackApp.StartAsync("127.0.0.1", ServeOutletAsync);
        outletBase = outlets.BaseUri;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { outlets, intranet })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        temp.Dispose();
    }

    [Fact]
    public async Task A_run_with_hostile_sources_serves_the_healthy_one_and_reads_nothing_local_or_internal()
    {
        var sources = WriteSources();
        var data = temp.Sub("data");

        var first = await RunAsync(sources, data);
        var second = await RunAsync(sources, data);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        var archive = ReadAll(Path.Combine(data, "articles"));
        Assert.Contains("The ferry timetable changes in June", archive, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", archive, StringComparison.Ordinal);
        Assert.DoesNotContain("swordfish", archive, StringComparison.Ordinal);
        Assert.Empty(internalHits);

        var briefings = ReadAll(Path.Combine(data, "briefings"));
        Assert.DoesNotContain("javascript:", briefings, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("file:", briefings, StringComparison.OrdinalIgnoreCase);
        var mail = ReadAll(Path.Combine(data, "outbox"));
        Assert.Contains("Subject:", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", mail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\0', mail);

        // What went wrong is named in the sources' state, for the operator.
        var states = ReadAll(Path.Combine(data, "state", "sources"));
        Assert.Contains("\"lastError\"", states, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', first.Error);
    }

    private string WriteSources()
    {
        var path = temp.Sub("sources.json");
        var json = $$"""
            {
              "sources": [
                { "name": "Healthy Courier", "url": "{{outletBase}}healthy.xml" },
                { "name": "Local Files Gazette", "url": "{{outletBase}}local-files.xml" },
                { "name": "Base Trick Times", "url": "{{outletBase}}xml-base.atom" },
                { "name": "Broken Json Post", "url": "{{outletBase}}broken.json" },
                { "name": "Trap Pages Herald", "url": "{{outletBase}}traps.xml" }
              ],
              "subscribers": ["reader@example.org", "not an address"],
              "from": "Digest <digest@example.org>"
            }
            """;
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<CliResult> RunAsync(string sources, string data)
        => await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", sources, "--data", data,
            "--now", Now.ToString("O", CultureInfo.InvariantCulture));

    private async Task ServeOutletAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        switch (path)
        {
            case "/healthy.xml":
                await Xml(response, Rss(("ferry", $"{outletBase}ferry.html")));
                break;
            case "/ferry.html":
                await Html(response, Page("Ferry timetable changes", "The ferry timetable changes in June, the harbour master said."));
                break;
            case "/local-files.xml":
                await Xml(response, Rss(("passwd", "file:///etc/passwd"), ("environ", "file:///proc/self/environ"), ("stdin", "file:///dev/stdin"),
                    ("internal", $"{intranetBase}secret.html"), ("decimal", $"http://2130706434:{intranetBase.Port}/secret"), ("hex", $"http://0x7f000002:{intranetBase.Port}/secret"),
                    ("mapped", $"http://[::ffff:127.0.0.2]:{intranetBase.Port}/secret")));
                break;
            case "/xml-base.atom":
                await Xml(response, $"""
                    <feed xmlns="http://www.w3.org/2005/Atom" xml:base="file:///etc/"><title>Base</title><id>urn:base</id><updated>2026-05-04T08:00:00Z</updated>
                    <entry><id>urn:base:1</id><title>Passwords</title><updated>2026-05-04T08:00:00Z</updated><link href="passwd"/></entry></feed>
                    """);
                break;
            case "/broken.json":
                response.ContentType = "application/feed+json";
                var bytes = Encoding.UTF8.GetBytes("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Bad \u0001\",\"items\":[{\"id\":\"1\",\"url\":\"" + outletBase + "ferry.html\",\"title\":\"X\"}]}").ToList();
                bytes.InsertRange(bytes.IndexOf((byte)'X'), new byte[] { 0xC3, 0x28, 0xFF });
                await response.Body.WriteAsync(bytes.ToArray());
                break;
            case "/traps.xml":
                await Xml(response, Rss(("gzip", $"{outletBase}corrupt-gzip.html"), ("deflate", $"{outletBase}corrupt-deflate.html"),
                    ("utf7", $"{outletBase}utf7.html"), ("canonical", $"{outletBase}canonical.html"), ("nul", $"{outletBase}nul.html"),
                    ("redirect", $"{outletBase}to-internal.html"), ("redirect-file", $"{outletBase}to-file.html")));
                break;
            case "/corrupt-gzip.html":
            case "/corrupt-deflate.html":
                response.ContentType = "text/html";
                response.Headers.ContentEncoding = path.Contains("gzip", StringComparison.Ordinal) ? "gzip" : "deflate";
                await response.Body.WriteAsync(Corrupt(Compress(Page("Compressed", "A compressed page."), path.Contains("gzip", StringComparison.Ordinal))));
                break;
            case "/utf7.html":
                await Html(response, Page("Seven bits", "A page that declares a charset nobody should trust.", head: "<meta charset=\"utf-7\">"));
                break;
            case "/canonical.html":
                await Html(response, Page("Canonical trap", "The canonical link of this page runs a script.",
                    head: "<link rel=\"canonical\" href=\"javascript:alert(document.cookie)\"><meta property=\"og:url\" content=\"javascript:alert(1)\">"));
                break;
            case "/nul.html":
                await Html(response, Page("Null&#0; title &#27;[2J\u202Eevil", "A title with a NUL, an escape and a bidi override.",
                    head: "<meta property=\"og:title\" content=\"Nul&#0;led &#7;title\">"));
                break;
            case "/to-internal.html":
                response.StatusCode = 302;
                response.Headers.Location = $"{intranetBase}secret.html";
                break;
            case "/to-file.html":
                response.StatusCode = 302;
                response.Headers.Location = "file:///etc/passwd";
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    private static string Rss(params (string Guid, string Link)[] items)
    {
        var entries = string.Concat(items.Select((item, i) => string.Create(CultureInfo.InvariantCulture,
            $"<item><title>Item {item.Guid}</title><link>{System.Security.SecurityElement.Escape(item.Link)}</link><guid>{item.Guid}</guid><pubDate>Mon, 04 May 2026 0{i % 9}:00:00 +0000</pubDate></item>")));
        return $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outlet</title>{entries}</channel></rss>";
    }

    private static string Page(string title, string lead, string head = "")
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<p>{lead} Paragraph {i.ToString(CultureInfo.InvariantCulture)} goes on to say that residents were consulted for several months before the council took its final decision on the matter.</p>"));
        return $"<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>";
    }

    private static byte[] Compress(string text, bool gzip)
    {
        using var buffer = new MemoryStream();
        using (Stream compressor = gzip ? new GZipStream(buffer, CompressionLevel.Fastest) : new ZLibStream(buffer, CompressionLevel.Fastest))
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    /// <summary>Keeps the header and flips the bytes after it, so the body starts right and then falls apart.</summary>
    private static byte[] Corrupt(byte[] compressed)
    {
        for (var i = 12; i < compressed.Length; i += 3)
        {
            compressed[i] ^= 0x5A;
        }

        return compressed;
    }

    private static Task Xml(HttpResponse response, string body)
    {
        response.ContentType = "application/xml";
        return response.WriteAsync(body);
    }

    private static Task Html(HttpResponse response, string body)
    {
        response.ContentType = "text/html";
        return response.WriteAsync(body);
    }

    private static string ReadAll(string folder)
        => Directory.Exists(folder)
            ? string.Concat(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText))
            : "";
}

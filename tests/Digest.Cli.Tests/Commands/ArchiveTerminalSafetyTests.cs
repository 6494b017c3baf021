using System.Text.Json;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Tests.Commands;

/// <summary>
/// An archive written by an older version may hold titles and outlet names with terminal escapes in them; listing it
/// must show them, not obey them.
/// </summary>
public sealed class ArchiveTerminalSafetyTests : IDisposable
{
    private const string Hostile = "Harbour\u001B[2J\u001B]0;pwned\u0007 reopens \u202Etxt.exe\0";
    private static readonly DateTimeOffset Published = new(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private async Task<string> WriteArchiveAsync()
    {
        var data = temp.Sub("data");
        var store = new JsonDocumentStore(new FileSystemBlobStore(data));
        await store.WriteAsync(Containers.Articles, BlobPaths.Article("a1"), new Article
        {
            Id = "a1",
            Url = new Uri("https://valley-post.example/a1"),
            Outlet = "Valley\u001B[31m Post",
            SourceId = "valley-post",
            Title = Hostile,
            Published = Published,
            Text = "Text.",
            FetchedAt = Published,
            Status = ArticleStatus.Processed,
            StoryId = "s1",
        });
        await store.WriteAsync(Containers.Stories, BlobPaths.Story("s1"), new Story
        {
            Id = "s1",
            Title = Hostile,
            ArticleIds = ["a1"],
            FirstSeen = Published,
            LastUpdated = Published,
        });
        await store.WriteAsync(Containers.Briefings, BlobPaths.Briefing(DateOnly.FromDateTime(Published.UtcDateTime), "json"), new Briefing
        {
            Date = DateOnly.FromDateTime(Published.UtcDateTime),
            WindowStart = Published.AddDays(-1),
            WindowEnd = Published,
            Stories =
            [
                new BriefingStory
                {
                    StoryId = "s1",
                    Title = Hostile,
                    IsNew = true,
                    WhatsNew = [],
                    Summary = [],
                    Coverage = [new CoverageLink("a1", "Valley\u202E Post", Hostile, null, Published, InWindow: true)],
                },
            ],
        });
        return data;
    }

    private static void AssertNothingRaw(string output)
    {
        Assert.DoesNotContain(output, c => (c < 0x20 && c != '\n') || c is '\u007F' or '\u202E');
    }

    [Theory]
    [InlineData("articles")]
    [InlineData("stories")]
    [InlineData("briefings")]
    public async Task The_human_listing_shows_control_characters_as_visible_escapes(string what)
    {
        var data = await WriteArchiveAsync();

        var result = await CliRunner.InvokeAsync(ArchiveCommand.Create(), "archive", what, "--data", data);

        Assert.True(result.ExitCode == 0, result.Error);
        AssertNothingRaw(result.Output);
        if (what != "briefings")
        {
            Assert.Contains("Harbour\\x1B[2J\\x1B]0;pwned\\x07 reopens \\u202Etxt.exe\\x00", result.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("articles")]
    [InlineData("stories")]
    [InlineData("briefings")]
    public async Task Json_lines_escape_control_and_bidi_characters_and_still_hold_the_same_text(string what)
    {
        var data = await WriteArchiveAsync();

        var result = await CliRunner.InvokeAsync(ArchiveCommand.Create(), "archive", what, "--data", data, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        AssertNothingRaw(result.Output);
        Assert.Contains("\\u001B", result.Output, StringComparison.Ordinal);
        Assert.Contains("\\u202E", result.Output, StringComparison.OrdinalIgnoreCase);
        using var line = JsonDocument.Parse(Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var title = what == "briefings" ? line.RootElement.GetProperty("stories")[0].GetProperty("title") : line.RootElement.GetProperty("title");
        Assert.Equal(Hostile, title.GetString());
    }
}

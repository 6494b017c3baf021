using Digest.Core.Queueing;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Queueing;

public sealed class FileSystemMessageQueueTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TempFolder folder = new();
    private readonly ManualTimeProvider clock = new();
    private readonly FileSystemMessageQueue queue;

    public FileSystemMessageQueueTests() => queue = new FileSystemMessageQueue(folder.Path, clock);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Messages_come_out_first_in_first_out_with_metadata()
    {
        var insertedAt = clock.GetUtcNow();
        foreach (var text in new[] { "article-c", "article-a", "article-b" })
        {
            await queue.EnqueueAsync("articles", text);
        }

        var batch = await queue.ReceiveAsync("articles", 32, Minute);

        Assert.Equal(["article-c", "article-a", "article-b"], batch.Select(message => message.Text));
        Assert.All(batch, message =>
        {
            Assert.Equal(1, message.DequeueCount);
            Assert.Equal(insertedAt, message.InsertedOn);
            Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        });
        Assert.Equal(3, batch.Select(message => message.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Receive_takes_at_most_max_messages_and_hides_them_until_the_visibility_timeout()
    {
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync("articles", $"m{i}");
        }

        var first = await queue.ReceiveAsync("articles", 2, Minute);
        var second = await queue.ReceiveAsync("articles", 2, Minute);
        var third = await queue.ReceiveAsync("articles", 2, Minute);
        var none = await queue.ReceiveAsync("articles", 2, Minute);

        Assert.Equal(["m0", "m1"], first.Select(message => message.Text));
        Assert.Equal(["m2", "m3"], second.Select(message => message.Text));
        Assert.Equal(["m4"], third.Select(message => message.Text));
        Assert.Empty(none);
        Assert.Equal(5, await queue.CountAsync("articles"));

        clock.Advance(Minute - TimeSpan.FromSeconds(1));
        Assert.Empty(await queue.ReceiveAsync("articles", 32, Minute));

        clock.Advance(TimeSpan.FromSeconds(1));
        var again = await queue.ReceiveAsync("articles", 32, Minute);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], again.Select(message => message.Text));
        Assert.All(again, message => Assert.Equal(2, message.DequeueCount));
    }

    [Fact]
    public async Task Each_receive_gets_a_new_pop_receipt_and_the_old_one_cannot_delete()
    {
        await queue.EnqueueAsync("articles", "a1");
        var firstReceive = Assert.Single(await queue.ReceiveAsync("articles", 1, Minute));
        clock.Advance(Minute);
        var secondReceive = Assert.Single(await queue.ReceiveAsync("articles", 1, Minute));

        Assert.Equal(firstReceive.Id, secondReceive.Id);
        Assert.NotEqual(firstReceive.PopReceipt, secondReceive.PopReceipt);

        await queue.DeleteAsync("articles", firstReceive); // stale: ignored, as the Functions host does
        Assert.Equal(1, await queue.CountAsync("articles"));
        await queue.ReleaseAsync("articles", firstReceive, TimeSpan.Zero); // stale: ignored as well
        Assert.Empty(await queue.ReceiveAsync("articles", 1, Minute));

        await queue.DeleteAsync("articles", secondReceive);
        Assert.Equal(0, await queue.CountAsync("articles"));
        await queue.DeleteAsync("articles", secondReceive); // already gone: ignored
    }

    [Fact]
    public async Task Release_makes_a_message_visible_after_the_given_delay_and_invalidates_the_receipt()
    {
        await queue.EnqueueAsync("articles", "a1");
        var received = Assert.Single(await queue.ReceiveAsync("articles", 1, TimeSpan.FromMinutes(10)));

        await queue.ReleaseAsync("articles", received, TimeSpan.FromSeconds(30));
        Assert.Empty(await queue.ReceiveAsync("articles", 1, Minute));
        await queue.DeleteAsync("articles", received);
        Assert.Equal(1, await queue.CountAsync("articles"));

        clock.Advance(TimeSpan.FromSeconds(30));
        var retried = Assert.Single(await queue.ReceiveAsync("articles", 1, Minute));
        Assert.Equal(2, retried.DequeueCount);

        await queue.ReleaseAsync("articles", retried, TimeSpan.Zero);
        var immediately = Assert.Single(await queue.ReceiveAsync("articles", 1, Minute));
        Assert.Equal(3, immediately.DequeueCount);
        Assert.Equal("a1", immediately.Text);
    }

    [Fact]
    public async Task Messages_survive_a_new_instance_over_the_same_folder()
    {
        await queue.EnqueueAsync("articles", "first");
        await queue.EnqueueAsync("articles", "second");
        var inFlight = Assert.Single(await queue.ReceiveAsync("articles", 1, Minute));

        var restarted = new FileSystemMessageQueue(folder.Path, clock);
        Assert.Equal(2, await restarted.CountAsync("articles"));
        Assert.Equal(["second"], (await restarted.ReceiveAsync("articles", 32, Minute)).Select(message => message.Text));

        await restarted.DeleteAsync("articles", inFlight); // a receipt from before the restart is still the current one
        Assert.Equal(1, await restarted.CountAsync("articles"));

        await restarted.EnqueueAsync("articles", "third");
        clock.Advance(Minute);
        Assert.Equal(["second", "third"], (await queue.ReceiveAsync("articles", 32, Minute)).Select(message => message.Text));
    }

    [Fact]
    public async Task Concurrent_receivers_never_get_the_same_message()
    {
        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            await queue.EnqueueAsync("articles", $"m{i:D2}");
        }

        var other = new FileSystemMessageQueue(folder.Path, clock);
        var batches = await Task.WhenAll(Enumerable.Range(0, 12).Select(receiver =>
            (receiver % 2 == 0 ? queue : other).ReceiveAsync("articles", 8, Minute)));

        var texts = batches.SelectMany(batch => batch).Select(message => message.Text).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(count, texts.Count);
    }

    [Fact]
    public async Task Concurrent_workers_of_one_process_receiving_deleting_and_sending_lose_and_repeat_nothing()
    {
        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            await queue.EnqueueAsync("pages", $"m{i:D2}");
        }

        // What a parallel drain does: several workers receive and delete at once while others send (a delayed retry).
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            while (await queue.ReceiveAsync("pages", 3, Minute) is { Count: > 0 } batch)
            {
                foreach (var message in batch)
                {
                    seen.Add(message.Text);
                    await queue.EnqueueAsync("pages", "retry-" + message.Text, TimeSpan.FromHours(1));
                    await queue.DeleteAsync("pages", message);
                }
            }
        })));

        Assert.Equal(count, seen.Count);
        Assert.Equal(count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(count, await queue.CountAsync("pages"));
        Assert.Empty(await queue.ReceiveAsync("pages", 32, Minute));
    }

    [Fact]
    public async Task Missing_queue_is_empty_and_temp_files_are_not_messages()
    {
        Assert.Empty(await queue.ReceiveAsync("articles", 16, Minute));
        Assert.Equal(0, await queue.CountAsync("articles"));

        await queue.EnqueueAsync("articles", "real");
        var debris = folder.Combine("articles", ".0000000000000000009_x.json." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllTextAsync(debris, "{");

        Assert.Equal(1, await queue.CountAsync("articles"));
        Assert.Equal(["real"], (await queue.ReceiveAsync("articles", 16, Minute)).Select(message => message.Text));
        await queue.EnqueueAsync("articles", "next");
        Assert.False(File.Exists(debris));
    }

    [Fact]
    public async Task A_damaged_message_file_is_quarantined_and_reported_and_the_queue_goes_on()
    {
        // Regression: one truncated message file used to stop every receive, so the whole run failed on it.
        var reports = new List<string>();
        var reporting = new FileSystemMessageQueue(folder.Path, clock, reports.Add);
        await reporting.EnqueueAsync("articles", "damaged");
        await reporting.EnqueueAsync("articles", "fine");
        var file = Directory.EnumerateFiles(folder.Combine("articles"), "*.json").Order(StringComparer.Ordinal).First();
        await File.WriteAllTextAsync(file, "{ not json");

        var received = await reporting.ReceiveAsync("articles", 2, Minute);

        Assert.Equal("fine", Assert.Single(received).Text);
        var kept = Path.Combine(Path.GetDirectoryName(file)!, FileSystemMessageQueue.QuarantineFolderName, Path.GetFileName(file));
        Assert.Equal("{ not json", await File.ReadAllTextAsync(kept));
        Assert.False(File.Exists(file));
        Assert.Contains(reports, line => line.Contains(file, StringComparison.Ordinal) && line.Contains(kept, StringComparison.Ordinal));
        Assert.Equal(1, await reporting.CountAsync("articles"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Articles")]
    [InlineData("articles_poison")]
    [InlineData("-articles")]
    [InlineData("articles-")]
    [InlineData("arti--cles")]
    [InlineData("../articles")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Invalid_queue_names_are_rejected(string name)
    {
        Assert.False(FileSystemMessageQueue.IsValidQueueName(name));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync(name, "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.ReceiveAsync(name, 1, Minute));
    }

    [Fact]
    public async Task Limits_match_azure()
    {
        Assert.True(FileSystemMessageQueue.IsValidQueueName("articles-poison"));
        await Assert.ThrowsAsync<ArgumentException>(
            () => queue.EnqueueAsync("articles", new string('x', FileSystemMessageQueue.MaxTextBytes + 1)));
        await queue.EnqueueAsync("articles", new string('x', FileSystemMessageQueue.MaxTextBytes));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync("articles", 33, Minute));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync("articles", 0, Minute));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync("articles", 1, TimeSpan.FromDays(8)));
    }
}

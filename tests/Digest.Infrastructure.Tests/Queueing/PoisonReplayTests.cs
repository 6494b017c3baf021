using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Queueing;

/// <summary>
/// Messages that failed because storage was failing (a full disk) must not be lost to the poison queue: the drain stops
/// at the first storage failure instead of spending every message's attempts, and poison can be replayed.
/// </summary>
public sealed class PoisonReplayTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ManualTimeProvider clock = new();
    private readonly FileSystemMessageQueue queue;

    public PoisonReplayTests() => queue = new FileSystemMessageQueue(folder.Path, clock);

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Replay_moves_every_poison_message_back_with_its_text()
    {
        await queue.EnqueueAsync("articles-poison", "one");
        await queue.EnqueueAsync("articles-poison", "two");

        var moved = await PoisonReplay.ReplayAsync(queue, "articles-poison");

        Assert.Equal(2, moved);
        Assert.Equal(0, await queue.CountAsync("articles-poison"));
        var back = await queue.ReceiveAsync("articles", 32, TimeSpan.FromMinutes(1));
        Assert.Equal(["one", "two"], back.Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.All(back, m => Assert.Equal(1, m.DequeueCount));
    }

    [Theory]
    [InlineData("articles")]
    [InlineData("-poison")]
    public async Task Replay_refuses_a_queue_that_is_not_a_poison_queue(string name)
        => await Assert.ThrowsAsync<ArgumentException>(() => PoisonReplay.ReplayAsync(queue, name));

    [Fact]
    public async Task A_storage_failure_stops_the_drain_and_leaves_every_message_for_the_next_run()
    {
        for (var i = 0; i < 5; i++)
        {
            await queue.EnqueueAsync("articles", "message " + i);
        }

        var options = HostSettings.Default with { MaxDequeueCount = 5, VisibilityTimeout = TimeSpan.Zero };
        var processor = new QueueProcessor(queue, options, clock, isStorageFailure: e => e is IOException);
        var attempts = 0;

        var result = await processor.DrainAsync("articles", (_, _) =>
        {
            attempts++;
            throw new IOException("No space left on device");
        });

        Assert.Equal(1, attempts);
        Assert.Equal(0, result.Poisoned);
        Assert.Equal(5, result.LeftForLater);
        Assert.Contains("No space left on device", result.PausedBy, StringComparison.Ordinal);
        Assert.Equal(5, await queue.CountAsync("articles"));
        Assert.Equal(0, await queue.CountAsync("articles-poison"));
    }
}

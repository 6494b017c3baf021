using Digest.Core.Queueing;
using Digest.Infrastructure.Queueing;

namespace Digest.Infrastructure.Tests.Contracts;

/// <summary>
/// What every <see cref="IMessageQueue"/> must do, Azure Storage Queues being the reference: run against the file-system
/// queue, the in-memory fake and Azure (Azurite). Order is not part of the contract (Azure does not promise FIFO), so
/// batches are compared as sets. Time passes through <see cref="PassAsync"/>: a manual clock for the local queues,
/// real time on Azurite; so timeouts that must elapse are short, and timeouts that must not are long.
/// </summary>
public abstract class MessageQueueContract
{
    /// <summary>Long enough never to elapse during a test: what is hidden for it stays hidden.</summary>
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    /// <summary>Short enough to wait out on real time.</summary>
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    protected abstract IMessageQueue Queue { get; }

    /// <summary>Lets <paramref name="duration"/> pass for the queue (at least; a real-time queue may take a little more).</summary>
    protected abstract Task PassAsync(TimeSpan duration);

    /// <summary>A fresh, valid queue name.</summary>
    protected static string NewQueue() => "q" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Receives until a message comes back: after a short timeout, on real time, a moment later than exact.</summary>
    private async Task<IReadOnlyList<QueueMessage>> ReceiveOnceVisibleAsync(string queue, int expected, TimeSpan visibility)
    {
        var received = new List<QueueMessage>();
        for (var attempt = 0; attempt < 50 && received.Count < expected; attempt++)
        {
            received.AddRange(await Queue.ReceiveAsync(queue, 32, visibility));
            if (received.Count < expected)
            {
                await PassAsync(TimeSpan.FromMilliseconds(250));
            }
        }

        return received;
    }

    [Fact]
    public async Task A_sent_message_is_received_once_with_its_text_id_receipt_and_dequeue_count_one()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "{\"articleId\":\"a1\",\"title\":\"Fähre – «quai» 渡し\"}");

        var message = Assert.Single(await Queue.ReceiveAsync(queue, 32, Long));

        Assert.Equal("{\"articleId\":\"a1\",\"title\":\"Fähre – «quai» 渡し\"}", message.Text);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.Id));
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        Assert.NotEqual(default, message.InsertedOn);
        Assert.Empty(await Queue.ReceiveAsync(queue, 32, Long));
    }

    [Fact]
    public async Task Receive_takes_at_most_max_messages_and_each_message_once()
    {
        var queue = NewQueue();
        var texts = Enumerable.Range(0, 5).Select(i => "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var text in texts)
        {
            await Queue.EnqueueAsync(queue, text);
        }

        var first = await Queue.ReceiveAsync(queue, 2, Long);
        var rest = await ReceiveOnceVisibleAsync(queue, 3, Long);

        Assert.Equal(2, first.Count);
        Assert.Equal(texts.Order(StringComparer.Ordinal), first.Concat(rest).Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.Equal(5, first.Concat(rest).Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_received_message_stays_hidden_but_counted_until_its_timeout()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        await Queue.EnqueueAsync(queue, "a2");

        Assert.Equal(2, (await ReceiveOnceVisibleAsync(queue, 2, Long)).Count);

        Assert.Empty(await Queue.ReceiveAsync(queue, 32, Long));
        Assert.Equal(2, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task An_undeleted_message_comes_back_after_its_timeout_with_a_higher_dequeue_count_and_a_new_receipt()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        var first = Assert.Single(await Queue.ReceiveAsync(queue, 1, Short));

        await PassAsync(Short);
        var second = Assert.Single(await ReceiveOnceVisibleAsync(queue, 1, Long));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("a1", second.Text);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task Delete_with_the_current_receipt_removes_the_message()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        await Queue.EnqueueAsync(queue, "a2");
        var batch = await ReceiveOnceVisibleAsync(queue, 2, Long);

        await Queue.DeleteAsync(queue, batch.Single(m => m.Text == "a1"));

        Assert.Equal(1, await Queue.CountAsync(queue));
        await Queue.DeleteAsync(queue, batch.Single(m => m.Text == "a2"));
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task Delete_with_a_stale_receipt_is_ignored_and_the_current_one_still_works()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        var stale = Assert.Single(await Queue.ReceiveAsync(queue, 1, Short));
        await PassAsync(Short);
        var current = Assert.Single(await ReceiveOnceVisibleAsync(queue, 1, Long));

        await Queue.DeleteAsync(queue, stale);
        Assert.Equal(1, await Queue.CountAsync(queue));

        await Queue.DeleteAsync(queue, current);
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task Delete_and_release_of_a_message_already_deleted_are_ignored()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        var message = Assert.Single(await Queue.ReceiveAsync(queue, 1, Long));
        await Queue.DeleteAsync(queue, message);

        await Queue.DeleteAsync(queue, message);
        await Queue.ReleaseAsync(queue, message, TimeSpan.Zero);

        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task Release_makes_the_message_visible_again_after_the_given_timeout()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        var received = Assert.Single(await Queue.ReceiveAsync(queue, 1, Long));

        await Queue.ReleaseAsync(queue, received, Short);
        await PassAsync(Short);
        var again = Assert.Single(await ReceiveOnceVisibleAsync(queue, 1, Long));

        Assert.Equal(received.Id, again.Id);
        Assert.Equal("a1", again.Text);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Release_with_a_long_timeout_keeps_it_hidden_and_gives_a_new_receipt()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        var received = Assert.Single(await Queue.ReceiveAsync(queue, 1, Long));

        await Queue.ReleaseAsync(queue, received, Long);

        Assert.Empty(await Queue.ReceiveAsync(queue, 32, Long));
        // The release renewed the receipt, so the old one can no longer delete the message.
        await Queue.DeleteAsync(queue, received);
        Assert.Equal(1, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task Release_with_zero_timeout_makes_it_visible_at_once()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "a1");
        var received = Assert.Single(await Queue.ReceiveAsync(queue, 1, Long));

        await Queue.ReleaseAsync(queue, received, TimeSpan.Zero);

        var again = Assert.Single(await ReceiveOnceVisibleAsync(queue, 1, Long));
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task A_message_sent_with_an_initial_delay_is_counted_but_hidden_until_the_delay_has_passed()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "later", Short);
        await Queue.EnqueueAsync(queue, "now");

        var first = await Queue.ReceiveAsync(queue, 32, Long);
        Assert.Equal(["now"], first.Select(m => m.Text));
        Assert.Equal(2, await Queue.CountAsync(queue));

        await PassAsync(Short);
        var later = Assert.Single(await ReceiveOnceVisibleAsync(queue, 1, Long));
        Assert.Equal("later", later.Text);
        // The delay is not a receive: the first delivery counts one.
        Assert.Equal(1, later.DequeueCount);
    }

    [Fact]
    public async Task A_message_sent_with_a_long_initial_delay_stays_hidden_and_a_zero_delay_is_visible_at_once()
    {
        var queue = NewQueue();
        await Queue.EnqueueAsync(queue, "much later", Long);
        await Queue.EnqueueAsync(queue, "at once", TimeSpan.Zero);

        var received = Assert.Single(await ReceiveOnceVisibleAsync(queue, 1, Long));

        Assert.Equal("at once", received.Text);
        Assert.Empty(await Queue.ReceiveAsync(queue, 32, Long));
        Assert.Equal(2, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task An_initial_delay_outside_zero_to_seven_days_is_refused()
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.EnqueueAsync(queue, "m", TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue.EnqueueAsync(queue, "m", TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1)));
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task An_unknown_queue_is_empty_and_counts_zero()
    {
        var queue = NewQueue();

        Assert.Empty(await Queue.ReceiveAsync(queue, 32, Long));
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task Count_includes_visible_and_hidden_messages()
    {
        var queue = NewQueue();
        for (var i = 0; i < 3; i++)
        {
            await Queue.EnqueueAsync(queue, "m");
        }

        await Queue.ReceiveAsync(queue, 1, Long);

        Assert.Equal(3, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task Messages_up_to_the_size_limit_round_trip_and_larger_ones_are_refused()
    {
        var queue = NewQueue();
        // Multi-byte characters: the limit is on UTF-8 bytes, not characters.
        var largest = new string('é', FileSystemMessageQueue.MaxTextBytes / 2);

        await Queue.EnqueueAsync(queue, largest);
        await Assert.ThrowsAsync<ArgumentException>(() => Queue.EnqueueAsync(queue, largest + "x"));

        var message = Assert.Single(await Queue.ReceiveAsync(queue, 32, Long));
        Assert.Equal(largest, message.Text);
        Assert.Equal(1, await Queue.CountAsync(queue));
    }
}

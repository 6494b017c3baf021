using System.Text;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Subscribers;

public class SubscriberStoreTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("test-signing-key-0123456789abcdef0123456789");
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBlobStore _blobs = new();
    private readonly SubscriberStore _store;

    public SubscriberStoreTests() => _store = new SubscriberStore(_blobs, Key);

    private Task<SubscribeOutcome> Subscribe(string address, bool confirmed = false) =>
        _store.SubscribeAsync(address, "Europe/Berlin", 7, ["harbour"], [], confirmed, Now);

    [Fact]
    public async Task A_subscriber_is_pending_until_confirmed()
    {
        Assert.Equal(SubscribeOutcome.Pending, await Subscribe("reader@example.org"));
        var id = _store.IdOf("reader@example.org");
        Assert.False((await _store.GetAsync(id))!.IsConfirmed);

        Assert.True(await _store.ConfirmAsync(id, Now.AddMinutes(5)));

        var confirmed = await _store.GetAsync(id);
        Assert.Equal(Now.AddMinutes(5), confirmed!.ConfirmedAt);
        Assert.Equal(["harbour"], confirmed.Keywords);
    }

    [Fact]
    public async Task Blob_names_hold_the_keyed_id_not_the_address()
    {
        await Subscribe("reader@example.org");

        var names = new List<string>();
        await foreach (var name in _blobs.ListAsync(Containers.Subscribers))
        {
            names.Add(name);
        }

        var only = Assert.Single(names);
        Assert.DoesNotContain("reader", only, StringComparison.Ordinal);
        Assert.DoesNotContain("example", only, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribing_removes_the_address_and_a_replayed_subscribe_cannot_add_it_again()
    {
        await Subscribe("reader@example.org", confirmed: true);
        var id = _store.IdOf("reader@example.org");

        await _store.UnsubscribeAsync(id, Now.AddDays(1));
        await _store.UnsubscribeAsync(id, Now.AddDays(1)); // a second click ends the same way

        Assert.Null(await _store.GetAsync(id));
        Assert.Empty(await _store.ListAsync());
        var suppression = await _blobs.GetAsync(Containers.Subscribers, SubscriberStore.SuppressedPath(id));
        Assert.DoesNotContain("reader", Encoding.UTF8.GetString(suppression!.Content.Span), StringComparison.Ordinal);

        Assert.Equal(SubscribeOutcome.Suppressed, await Subscribe("Reader@Example.org"));
        Assert.False(await _store.ConfirmAsync(id, Now.AddDays(2)));
        Assert.Null(await _store.GetAsync(id));
    }

    [Fact]
    public async Task The_operator_can_add_a_suppressed_address_back()
    {
        await Subscribe("reader@example.org", confirmed: true);
        var id = _store.IdOf("reader@example.org");
        await _store.UnsubscribeAsync(id, Now);

        Assert.Equal(SubscribeOutcome.Confirmed, await Subscribe("reader@example.org", confirmed: true));

        Assert.NotNull(await _store.GetAsync(id));
        Assert.Null(await _blobs.GetAsync(Containers.Subscribers, SubscriberStore.SuppressedPath(id)));
    }

    [Fact]
    public async Task Subscribing_again_keeps_confirmation_and_send_history()
    {
        await Subscribe("reader@example.org", confirmed: true);
        var id = _store.IdOf("reader@example.org");
        await _store.MarkSentAsync(id, new DateOnly(2027, 2, 1), Now);

        await _store.SubscribeAsync("reader@example.org", "Asia/Kolkata", 6, [], ["Harbour Gazette"], confirmed: false, Now.AddDays(1));

        var updated = await _store.GetAsync(id);
        Assert.True(updated!.IsConfirmed);
        Assert.Equal("Asia/Kolkata", updated.TimeZone);
        Assert.Equal(new DateOnly(2027, 2, 1), updated.LastBriefingDay);
        Assert.Equal(Now, updated.CreatedAt);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_confirm_nothing_and_unsubscribe_quietly()
    {
        Assert.False(await _store.ConfirmAsync(SubscriberId.Of("nobody@example.org", Key), Now));
        Assert.False(await _store.ConfirmAsync("../../etc/passwd", Now));
        await _store.UnsubscribeAsync("../../etc/passwd", Now);

        var names = new List<string>();
        await foreach (var name in _blobs.ListAsync(Containers.Subscribers))
        {
            names.Add(name);
        }

        Assert.Empty(names);
    }

    [Fact]
    public async Task Marking_an_older_day_sent_never_moves_the_last_day_back()
    {
        await Subscribe("reader@example.org", confirmed: true);
        var id = _store.IdOf("reader@example.org");

        await _store.MarkSentAsync(id, new DateOnly(2027, 2, 3), Now.AddDays(2));
        await _store.MarkSentAsync(id, new DateOnly(2027, 2, 2), Now.AddDays(1));

        Assert.Equal(new DateOnly(2027, 2, 3), (await _store.GetAsync(id))!.LastBriefingDay);
    }
}

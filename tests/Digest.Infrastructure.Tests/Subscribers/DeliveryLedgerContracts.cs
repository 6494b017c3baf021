using Digest.Core.Diagnostics;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Subscribers;

/// <summary>
/// The send ledger's exactly-once on the real stores: of runs claiming one (subscriber, local day) at once, one wins;
/// a sent entry is never claimed again; a released claim is; a stale claim is taken over by one of two racing runs.
/// </summary>
public abstract class DeliveryLedgerContract
{
    private static readonly DateTimeOffset Now = new(2026, 3, 29, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 3, 29);
    // Each test its own subscriber: the Azurite account is shared by the tests of a run.
    private readonly string subscriber = Guid.NewGuid().ToString("N");

    protected abstract IBlobStore Store { get; }

    private DeliveryLedger Ledger() => new(Store, SilentReporter.Instance);

    [Fact]
    public async Task Of_many_runs_claiming_at_once_exactly_one_wins()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Ledger().ClaimAsync(subscriber, Day, "<m@x>", Now))));

        Assert.Single(claims, c => c is not null);
    }

    [Fact]
    public async Task A_sent_entry_is_never_claimed_again_and_a_released_one_is()
    {
        var first = await Ledger().ClaimAsync(subscriber, Day, "<m@x>", Now);
        await Ledger().MarkSentAsync(first!, Now.AddSeconds(2));
        Assert.Null(await Ledger().ClaimAsync(subscriber, Day, "<m@x>", Now.AddDays(1)));
        Assert.Equal(Now.AddSeconds(2), (await Ledger().GetAsync(subscriber, Day))!.SentAt);

        var other = await Ledger().ClaimAsync(subscriber, Day.AddDays(1), "<n@x>", Now);
        await Ledger().ReleaseAsync(other!);
        Assert.NotNull(await Ledger().ClaimAsync(subscriber, Day.AddDays(1), "<n@x>", Now.AddMinutes(1)));
    }

    [Fact]
    public async Task A_stale_claim_is_taken_over_by_one_of_two_racing_runs_keeping_its_message_id()
    {
        Assert.NotNull(await Ledger().ClaimAsync(subscriber, Day, "<first@x>", Now));
        var later = Now + DeliveryLedger.StaleClaim + TimeSpan.FromSeconds(1);
        Assert.Null(await Ledger().ClaimAsync(subscriber, Day, "<second@x>", Now.AddMinutes(1)));

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Ledger().ClaimAsync(subscriber, Day, "<second@x>", later))));

        var winner = Assert.Single(racing, c => c is not null);
        Assert.Equal("<first@x>", winner!.Entry.MessageId);
    }
}

public sealed class FileSystemDeliveryLedgerContract : DeliveryLedgerContract, IDisposable
{
    private readonly TempFolder folder = new();

    public FileSystemDeliveryLedgerContract() => Store = new FileSystemBlobStore(folder.Path);

    protected override IBlobStore Store { get; }

    public void Dispose() => folder.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureDeliveryLedgerContract(AzuriteFixture azurite) : DeliveryLedgerContract
{
    protected override IBlobStore Store { get; } =
        new AzureBlobStore(StorageConnection.FromConnectionString(azurite.ConnectionString).CreateBlobServiceClient());
}

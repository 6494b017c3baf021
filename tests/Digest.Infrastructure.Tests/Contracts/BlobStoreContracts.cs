using Digest.Core.Storage;
using Digest.Core.Tests.Support;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Contracts;

public sealed class FileSystemBlobStoreContract : BlobStoreContract, IDisposable
{
    private readonly TempFolder folder = new();

    public FileSystemBlobStoreContract() => Store = new FileSystemBlobStore(folder.Path);

    protected override IBlobStore Store { get; }

    public void Dispose() => folder.Dispose();
}

public sealed class InMemoryBlobStoreContract : BlobStoreContract
{
    protected override IBlobStore Store { get; } = new InMemoryBlobStore();
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreContract(AzuriteFixture azurite) : BlobStoreContract
{
    protected override IBlobStore Store { get; } =
        new AzureBlobStore(StorageConnection.FromConnectionString(azurite.ConnectionString).CreateBlobServiceClient(), ListPageSize);
}

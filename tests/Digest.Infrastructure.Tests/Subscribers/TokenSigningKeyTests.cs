using Digest.Infrastructure.Subscribers;

namespace Digest.Infrastructure.Tests.Subscribers;

public sealed class TokenSigningKeyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "digest-key-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_a_configured_key_the_data_folder_makes_its_own_once_readable_by_its_owner_only()
    {
        Directory.CreateDirectory(folder);
        var first = TokenSigningKey.Resolve(null, "DIGEST_TOKEN_SIGNING_KEY", folder, sharedStorage: false);
        var second = TokenSigningKey.Resolve("", "DIGEST_TOKEN_SIGNING_KEY", folder, sharedStorage: false);

        var path = Path.Combine(folder, "keys", "token-signing.key");
        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first, File.ReadAllBytes(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void A_configured_key_is_used_and_a_short_or_malformed_one_is_refused_naming_the_setting_not_the_value()
    {
        var key = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        Assert.Equal(key, TokenSigningKey.Resolve(Convert.ToBase64String(key), "Digest:TokenSigningKey", folder, sharedStorage: true));

        var shortKey = Convert.ToBase64String(new byte[16]);
        var tooShort = Assert.Throws<ArgumentException>(() => TokenSigningKey.Resolve(shortKey, "Digest:TokenSigningKey", folder, sharedStorage: false));
        Assert.Contains("Digest:TokenSigningKey", tooShort.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, tooShort.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TokenSigningKey.Resolve("not base64!", "Digest:TokenSigningKey", folder, sharedStorage: false));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Shared_storage_without_a_configured_key_is_one_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TokenSigningKey.Resolve(null, "DIGEST_TOKEN_SIGNING_KEY", folder, sharedStorage: true));
        Assert.Contains("DIGEST_TOKEN_SIGNING_KEY", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }
}

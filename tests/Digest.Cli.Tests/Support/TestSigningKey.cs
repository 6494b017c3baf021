using System.Runtime.CompilerServices;
using Digest.Infrastructure.Subscribers;

namespace Digest.Cli.Tests.Support;

/// <summary>
/// One token-signing key for every run in this test process (and the processes it starts): subscriber ids and the signed
/// links in mail then come out the same in two data folders, so runs can be compared byte for byte, and runs on Azurite
/// have the app key that shared storage requires.
/// </summary>
internal static class TestSigningKey
{
    public static readonly string Base64 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());

#pragma warning disable CA2255 // A test assembly's own process-wide setting, before any test runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TokenSigningKey.Variable)))
        {
            Environment.SetEnvironmentVariable(TokenSigningKey.Variable, Base64);
        }
    }
}

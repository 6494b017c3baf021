using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Digest.Cli.Serve;

/// <summary>
/// The function key of <c>digest serve</c>, checked as the Functions host checks one: the <c>x-functions-key</c> header
/// or the <c>code</c> query parameter. Compared in constant time over hashes, so neither the key's length nor a prefix
/// leaks through timing; a missing key, a wrong one and a malformed one get the same 401.
/// </summary>
internal sealed class FunctionKey
{
    public const string Header = "x-functions-key";
    public const string EnvironmentVariable = "DIGEST_FUNCTIONS_KEY";

    private readonly byte[] hash;

    public FunctionKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Value = key;
        hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    public string Value { get; }

    /// <summary>32 random bytes, URL-safe base64: for when no key was configured.</summary>
    public static FunctionKey Generate()
        => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    public bool Accepts(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var given = request.Headers.TryGetValue(Header, out var header) && header.Count == 1 ? header[0]
            : request.Query.TryGetValue("code", out var code) && code.Count == 1 ? code[0]
            : null;
        var givenHash = SHA256.HashData(Encoding.UTF8.GetBytes(given ?? ""));
        return given is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(givenHash, hash);
    }
}

namespace Digest.Functions.Tests.Support;

/// <summary>The settings the Functions app requires besides storage and sources, with test values.</summary>
internal static class TestSettings
{
    public const string PublicBaseUrl = "https://digest.example/";

    /// <summary>48 bytes, base64: a key of the shape <c>openssl rand -base64 48</c> makes.</summary>
    public const string TokenSigningKey = "dGVzdC1zaWduaW5nLWtleS1vZi10aGUtZnVuY3Rpb25zLXRlc3RzLTAxMjM0NTY3ODk=";

    public static Dictionary<string, string?> With(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Digest:PublicBaseUrl", PublicBaseUrl);
        settings.TryAdd("Digest:TokenSigningKey", TokenSigningKey);
        return settings;
    }
}

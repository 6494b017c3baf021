using System.Text;
using Digest.Core.Json;

namespace Digest.Core.Sources;

/// <summary>Reading the stages' queue messages: a message that is not what its queue carries is a bug, and fails loudly.</summary>
internal static class MessageText
{
    public static T Parse<T>(string messageText, string what)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        try
        {
            return DigestJson.Deserialize<T>(Encoding.UTF8.GetBytes(messageText));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"Queue message is not a {what} message: {ex.Message}", ex);
        }
    }
}

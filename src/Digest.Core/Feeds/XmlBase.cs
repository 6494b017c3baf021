using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>Computes the base URI in effect at an element, honouring nested <c>xml:base</c> attributes.</summary>
internal static class XmlBase
{
    /// <summary>
    /// The feed URI, refined by every <c>xml:base</c> from the root down to <paramref name="element"/> (each one
    /// relative to the one above it, as the XML Base recommendation says). A malformed xml:base is skipped.
    /// </summary>
    public static Uri Of(XElement element, Uri feedUri)
    {
        var bases = new List<string>();
        for (var current = element; current is not null; current = current.Parent)
        {
            var attribute = current.Attribute(FeedNamespaces.Xml + "base");
            if (attribute is not null && !string.IsNullOrWhiteSpace(attribute.Value))
            {
                bases.Add(attribute.Value.Trim());
            }
        }

        var result = feedUri;
        for (var i = bases.Count - 1; i >= 0; i--)
        {
            if (Uri.TryCreate(result, bases[i], out var next))
            {
                result = next;
            }
        }

        return result;
    }
}

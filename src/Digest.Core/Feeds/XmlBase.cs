using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>
/// The base a relative link is resolved against, and whether the document itself supplied it. The second part matters
/// for trust: a base the operator gave may be a <c>file:</c> URI, a base a document wrote may not (see <see cref="FeedLinks"/>).
/// </summary>
internal readonly record struct LinkBase(Uri Uri, bool FromDocument)
{
    /// <summary>The operator's feed URI, untouched by any document: JSON Feed has no xml:base.</summary>
    public static LinkBase Operator(Uri feedUri) => new(feedUri, FromDocument: false);
}

/// <summary>Computes the base URI in effect at an element, honouring nested <c>xml:base</c> attributes.</summary>
internal static class XmlBase
{
    /// <summary>
    /// The feed URI, refined by every <c>xml:base</c> from the root down to <paramref name="element"/> (each one
    /// relative to the one above it, as the XML Base recommendation says). A malformed xml:base is skipped; any
    /// xml:base that applies, relative or absolute, marks the result as document-supplied.
    /// </summary>
    public static LinkBase Of(XElement element, Uri feedUri)
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
        var fromDocument = false;
        for (var i = bases.Count - 1; i >= 0; i--)
        {
            if (Uri.TryCreate(result, bases[i], out var next))
            {
                result = next;
                fromDocument = true;
            }
        }

        return new LinkBase(result, fromDocument);
    }
}

using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>
/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 (and 0.3) and JSON Feed 1.0/1.1. The format is detected from the
/// content itself, never from a content type: servers label feeds as text/html, text/plain or application/octet-stream
/// often enough that the label is worthless.
/// <para>
/// Every item's <see cref="FeedItem.Link"/> is absolute: relative links are resolved against <c>xml:base</c> where the
/// document declares one and finally against the feed's own URI. Titles and summaries are plain text (HTML decoded,
/// whitespace collapsed). Dates go through <see cref="FeedDateParser"/>; an unreadable date is null, not an error.
/// Items with neither a link, nor an identifier, nor a title are skipped. Items keep document order.
/// </para>
/// <para>
/// Hostile documents: DTDs are ignored and no external resource is ever resolved (no XXE, no entity expansion bombs);
/// documents above <see cref="MaxDocumentBytes"/> are refused before parsing and elements nested deeper than
/// <see cref="MaxElementDepth"/> before a tree is built; HTML is flattened by a linear scan. Work and memory are
/// therefore bounded by the document size.
/// </para>
/// <para>
/// Leniency: whitespace before the XML declaration is dropped, and HTML named entities used without a DTD
/// (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>) are read as the characters they name.
/// </para>
/// </summary>
public static class FeedParser
{
    /// <summary>The largest document accepted (16 MiB). Real feeds are well under 1 MiB.</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The deepest element nesting accepted. Feeds nest a handful of levels (XHTML content a few dozen); a limit keeps
    /// recursive tree code from overflowing the stack on a document nested millions deep.
    /// </summary>
    public const int MaxElementDepth = 256;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Parses a feed document.</summary>
    /// <param name="content">The raw bytes as fetched. A BOM and the XML encoding declaration are honoured.</param>
    /// <param name="feedUri">The absolute URI the document was fetched from: the base of relative links.</param>
    /// <exception cref="FeedFormatException">The document is empty, too large, malformed or not a feed.</exception>
    public static Feed Parse(ReadOnlySpan<byte> content, Uri feedUri) => Parse(content, feedUri, MaxDocumentBytes);

    /// <summary>Same as <see cref="Parse(ReadOnlySpan{byte}, Uri)"/> with a smaller size limit, for tests.</summary>
    internal static Feed Parse(ReadOnlySpan<byte> content, Uri feedUri, int maxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(feedUri);
        if (!feedUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The feed URI must be absolute, got '{feedUri}'.", nameof(feedUri));
        }

        if (content.Length > maxDocumentBytes)
        {
            throw new FeedFormatException(
                $"The document from {feedUri} is {content.Length} bytes, more than the limit of {maxDocumentBytes} bytes.");
        }

        var body = SkipUtf8BomAndWhitespace(content);
        if (body.IsEmpty)
        {
            throw new FeedFormatException($"The document from {feedUri} is empty.");
        }

        if (body[0] is (byte)'{' or (byte)'[')
        {
            return JsonFeedReader.Read(body, feedUri);
        }

        // Whitespace before the XML declaration is a common publishing slip that XML forbids; drop it, keeping a
        // UTF-8 BOM because it tells the reader the encoding. UTF-16 documents are left exactly as they are.
        var xml = body[0] == (byte)'<' && body.Length != content.Length ? WithUtf8BomIfPresent(content, body) : content.ToArray();
        return ParseXml(xml, feedUri, maxDocumentBytes);
    }

    private static byte[] WithUtf8BomIfPresent(ReadOnlySpan<byte> content, ReadOnlySpan<byte> body)
        => content.StartsWith(Utf8Bom) ? [.. Utf8Bom, .. body] : body.ToArray();

    private static Feed ParseXml(byte[] content, Uri feedUri, int maxDocumentBytes)
    {
        var document = LoadXml(content, feedUri, maxDocumentBytes);
        var root = document.Root ?? throw new FeedFormatException($"The document from {feedUri} has no root element.");
        var name = root.Name;

        if (name.LocalName == "rss")
        {
            return RssFeedReader.ReadRss2(root, feedUri);
        }

        if (name == FeedNamespaces.Rdf + "RDF")
        {
            return RssFeedReader.ReadRdf(root, feedUri);
        }

        if (name.LocalName == "feed" && (name.Namespace == FeedNamespaces.Atom || name.Namespace == FeedNamespaces.Atom03
            || name.Namespace == XNamespace.None))
        {
            return AtomFeedReader.Read(root, feedUri);
        }

        if (string.Equals(name.LocalName, "html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedFormatException($"The document from {feedUri} is an HTML page, not a feed.");
        }

        var ns = name.NamespaceName.Length == 0 ? "" : $" in namespace '{name.NamespaceName}'";
        throw new FeedFormatException(
            $"The document from {feedUri} is XML with root element <{name.LocalName}>{ns}; expected RSS (<rss>), "
            + "RSS 1.0 (<rdf:RDF>) or Atom (<feed>).");
    }

    private static XDocument LoadXml(byte[] content, Uri feedUri, int maxDocumentBytes)
    {
        var settings = new XmlReaderSettings
        {
            // Ignore (not Prohibit): old RSS 0.91 feeds carry a harmless DOCTYPE. Nothing in it is ever processed,
            // so entities it declares stay undeclared and the document is refused instead of expanded.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = maxDocumentBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        XmlException failure;
        try
        {
            return LoadChecked(content, feedUri, settings);
        }
        catch (XmlException exception)
        {
            failure = exception;
        }
        catch (DecoderFallbackException exception)
        {
            throw new FeedFormatException(
                $"The document from {feedUri} has bytes that are invalid in its declared encoding: {exception.Message}", exception);
        }
        catch (ArgumentException exception)
        {
            // An encoding declaration naming an unknown encoding surfaces as ArgumentException.
            throw new FeedFormatException($"The document from {feedUri} could not be decoded: {exception.Message}", exception);
        }

        if (TryLoadRepaired(content, feedUri, settings, ref failure) is { } repaired)
        {
            return repaired;
        }

        var guess = GuessXmlFormat(content);
        var where = failure.LineNumber > 0 ? $" at line {failure.LineNumber}, position {failure.LinePosition}" : "";
        var message = guess == "HTML"
            ? $"The document from {feedUri} is an HTML page, not a feed ({failure.Message})"
            : $"The document from {feedUri} (looks like {guess}) is not well-formed XML{where}: {failure.Message}";
        throw new FeedFormatException(message, failure);
    }

    /// <summary>
    /// Two passes: a streaming one that refuses excessive nesting before any tree exists, then the load. The reader
    /// works on the bytes so that it honours the BOM and the encoding declaration itself.
    /// </summary>
    private static XDocument LoadChecked(byte[] content, Uri feedUri, XmlReaderSettings settings)
    {
        using (var depthCheck = XmlReader.Create(new MemoryStream(content, writable: false), settings))
        {
            while (depthCheck.Read())
            {
                if (depthCheck.Depth > MaxElementDepth)
                {
                    var info = (IXmlLineInfo)depthCheck;
                    throw new FeedFormatException(
                        $"The document from {feedUri} nests elements deeper than {MaxElementDepth} levels "
                        + $"(line {info.LineNumber}, position {info.LinePosition}); no feed does that.");
                }
            }
        }

        using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
        return XDocument.Load(reader, LoadOptions.None);
    }

    /// <summary>
    /// Second chance for the most common publishing error, HTML entities such as &amp;nbsp; used without a DTD:
    /// the document rewritten by <see cref="HtmlEntityRepair"/>, or null when there was nothing to repair or the
    /// repaired document still fails. In that last case its error replaces <paramref name="failure"/>: it is the
    /// problem that remains once the entities are out of the way.
    /// </summary>
    private static XDocument? TryLoadRepaired(byte[] content, Uri feedUri, XmlReaderSettings settings, ref XmlException failure)
    {
        var repaired = HtmlEntityRepair.TryRepair(content);
        if (repaired is null)
        {
            return null;
        }

        try
        {
            return LoadChecked(repaired, feedUri, settings);
        }
        catch (XmlException exception)
        {
            failure = exception;
            return null;
        }
        catch (Exception exception) when (exception is DecoderFallbackException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A guess for error messages only, from the first bytes of a document that failed to parse.</summary>
    private static string GuessXmlFormat(byte[] content)
    {
        var head = Encoding.Latin1.GetString(content, 0, Math.Min(content.Length, 2048));
        if (!head.TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n').StartsWith('<') && !head.Contains('\0', StringComparison.Ordinal))
        {
            return "plain text, neither XML nor JSON";
        }

        if (head.Contains("<rss", StringComparison.OrdinalIgnoreCase))
        {
            return "RSS";
        }

        if (head.Contains("rdf:RDF", StringComparison.OrdinalIgnoreCase))
        {
            return "RSS 1.0";
        }

        if (head.Contains("<feed", StringComparison.OrdinalIgnoreCase))
        {
            return "Atom";
        }

        return head.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
            ? "HTML"
            : "an unknown XML format";
    }

    private static ReadOnlySpan<byte> SkipUtf8BomAndWhitespace(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8Bom))
        {
            content = content[3..];
        }

        return content.TrimStart((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
    }
}

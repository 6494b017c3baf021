using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>
/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 (and 0.3) and JSON Feed 1.0/1.1. The format is detected from the
/// content itself, never from a content type: servers label feeds as text/html, text/plain or application/octet-stream
/// often enough that the label is worthless.
/// <para>
/// Links: every item's <see cref="FeedItem.Link"/> is an absolute http(s) URL. Relative links are resolved against
/// <c>xml:base</c> where the document declares one and finally against the feed's own URI; a link of any other scheme
/// is dropped with a warning in <see cref="Feed.Warnings"/>. The one exception, a relative link in a feed the operator
/// configured as a <c>file:</c> URI, is spelled out in <see cref="FeedLinks"/>.
/// </para>
/// <para>
/// Text: titles, authors, summaries and content are one line of plain text (HTML decoded, whitespace collapsed,
/// control characters and bidi overrides removed). Dates go through <see cref="FeedDateParser"/>; an unreadable date
/// is null, not an error. Items with neither a link, nor an identifier, nor a title are skipped. Items keep document
/// order.
/// </para>
/// <para>
/// Hostile documents: any malformed input surfaces as <see cref="FeedFormatException"/> naming the feed, never as
/// another exception. No external resource is ever resolved (no XXE); entities declared in the internal DTD subset are
/// expanded only when none is external (<see cref="InternalSubset"/>) and only up to
/// <see cref="MaxCharactersFromEntities"/> characters (no entity bombs); documents above <see cref="MaxDocumentBytes"/>
/// are refused before parsing and elements nested deeper than <see cref="MaxElementDepth"/> before a tree is built;
/// HTML is flattened by a linear scan. Work and memory are therefore bounded by the document size.
/// </para>
/// <para>
/// Leniency: every encoding of <see cref="FeedDecoding"/> (BOMs, UTF-16/32 without one, legacy charsets named in the
/// XML declaration; invalid bytes become U+FFFD with a warning); whitespace before the XML declaration; HTML named
/// entities used without a DTD (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>) read as the characters they name.
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

    /// <summary>
    /// The most characters internal DTD entities may expand to in one document (64 Ki). Real feeds declare a handful of
    /// short entities; a billion-laughs bomb reaches the limit within microseconds and the document is refused.
    /// </summary>
    public const int MaxCharactersFromEntities = 64 * 1024;

    /// <summary>Parses a feed document.</summary>
    /// <param name="content">The raw bytes as fetched. A BOM and the XML encoding declaration are honoured.</param>
    /// <param name="feedUri">
    /// The absolute URI the document was fetched from: the base of relative links, and the trust anchor of the
    /// operator exception in <see cref="FeedLinks"/> (pass the operator's URI, or where its redirects ended).
    /// </param>
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

        try
        {
            return ParseDocument(content, feedUri, maxDocumentBytes);
        }
        catch (Exception exception) when (exception is not (FeedFormatException or OutOfMemoryException))
        {
            // The promise to callers is "one bad document is one FeedFormatException": whatever a reader or the
            // framework throws on input nobody foresaw is reported as this feed's failure, not as a crash of the run.
            throw new FeedFormatException(
                $"The document from {feedUri} could not be read: {exception.GetType().Name}: {exception.Message}", exception);
        }
    }

    private static Feed ParseDocument(ReadOnlySpan<byte> content, Uri feedUri, int maxDocumentBytes)
    {
        var context = new FeedContext(feedUri);
        var decoded = FeedDecoding.Decode(content, context);

        // Whitespace (and a BOM character) before the XML declaration is a common publishing slip that XML forbids.
        var text = decoded.Text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            throw new FeedFormatException($"The document from {feedUri} is empty.");
        }

        var feed = text[0] is '{' or '['
            ? JsonFeedReader.Read(JsonBytes(content, decoded, text), context)
            : ParseXml(text, context, maxDocumentBytes);
        return feed with { Warnings = context.Warnings };
    }

    /// <summary>UTF-8 for the JSON reader: the original bytes when they already are valid UTF-8, else the decoded text re-encoded.</summary>
    private static byte[] JsonBytes(ReadOnlySpan<byte> content, DecodedFeed decoded, string text)
        => decoded.EncodingName == "utf-8" && !decoded.Replaced
            ? content.TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]).ToArray()
            : Encoding.UTF8.GetBytes(text);

    private static Feed ParseXml(string text, FeedContext context, int maxDocumentBytes)
    {
        var feedUri = context.FeedUri;
        var document = LoadXml(text, feedUri, maxDocumentBytes);
        var root = document.Root ?? throw new FeedFormatException($"The document from {feedUri} has no root element.");
        var name = root.Name;

        if (name.LocalName == "rss")
        {
            return RssFeedReader.ReadRss2(root, context);
        }

        if (name == FeedNamespaces.Rdf + "RDF")
        {
            return RssFeedReader.ReadRdf(root, context);
        }

        if (name.LocalName == "feed" && (name.Namespace == FeedNamespaces.Atom || name.Namespace == FeedNamespaces.Atom03
            || name.Namespace == XNamespace.None))
        {
            return AtomFeedReader.Read(root, context);
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

    private static XDocument LoadXml(string text, Uri feedUri, int maxDocumentBytes)
    {
        XmlException failure;
        try
        {
            return LoadChecked(text, feedUri, maxDocumentBytes);
        }
        catch (XmlException exception)
        {
            failure = exception;
        }

        if (TryLoadRepaired(text, feedUri, maxDocumentBytes, ref failure) is { } repaired)
        {
            return repaired;
        }

        var guess = GuessXmlFormat(text);
        var where = failure.LineNumber > 0 ? $" at line {failure.LineNumber}, position {failure.LinePosition}" : "";
        var message = guess == "HTML"
            ? $"The document from {feedUri} is an HTML page, not a feed ({failure.Message})"
            : $"The document from {feedUri} (looks like {guess}) is not well-formed XML{where}: {failure.Message}";
        throw new FeedFormatException(message, failure);
    }

    private static XmlReaderSettings Settings(string text, int maxDocumentBytes) => new()
    {
        // Parse only internal subsets that declare nothing external (InternalSubset); otherwise Ignore, which keeps
        // old RSS 0.91 feeds with their harmless DOCTYPE readable. No resolver: nothing outside the document is read.
        DtdProcessing = InternalSubset.AllowsExpansion(text) ? DtdProcessing.Parse : DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = MaxCharactersFromEntities,
        MaxCharactersInDocument = maxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Control characters (raw or as &#x1B;) that XML forbids are common in the wild; accepting them costs
        // nothing, because every text field goes through FeedText.Clean, which removes them.
        CheckCharacters = false,
        CloseInput = true,
    };

    /// <summary>
    /// Two passes: a streaming one that refuses excessive nesting before any tree exists, then the load. The text is
    /// already decoded (<see cref="FeedDecoding"/>), so the reader ignores the declaration's encoding.
    /// </summary>
    private static XDocument LoadChecked(string text, Uri feedUri, int maxDocumentBytes)
    {
        var settings = Settings(text, maxDocumentBytes);
        using (var depthCheck = XmlReader.Create(new StringReader(text), settings))
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

        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XDocument.Load(reader, LoadOptions.None);
    }

    /// <summary>
    /// Second chance for the most common publishing error, HTML entities such as &amp;nbsp; used without a DTD:
    /// the document rewritten by <see cref="HtmlEntityRepair"/>, or null when there was nothing to repair or the
    /// repaired document still fails. In that last case its error replaces <paramref name="failure"/>: it is the
    /// problem that remains once the entities are out of the way.
    /// </summary>
    private static XDocument? TryLoadRepaired(string text, Uri feedUri, int maxDocumentBytes, ref XmlException failure)
    {
        var repaired = HtmlEntityRepair.TryRepair(text);
        if (repaired is null)
        {
            return null;
        }

        try
        {
            return LoadChecked(repaired, feedUri, maxDocumentBytes);
        }
        catch (XmlException exception)
        {
            failure = exception;
            return null;
        }
    }

    /// <summary>A guess for error messages only, from the start of a document that failed to parse.</summary>
    private static string GuessXmlFormat(string text)
    {
        var head = text[..Math.Min(text.Length, 2048)];
        if (!head.StartsWith('<'))
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
}

using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// The selector forms per-outlet overrides use: <c>tag</c>, <c>#id</c>, <c>.class</c>, <c>tag.class</c>,
/// <c>tag#id</c>, <c>.a.b</c>, and <c>[attr]</c> / <c>[attr=value]</c> (e.g. <c>[itemprop=articleBody]</c>).
/// No combinators: an override names one kind of element.
/// </summary>
internal sealed class SimpleSelector
{
    private static readonly System.Buffers.SearchValues<char> Combinators = System.Buffers.SearchValues.Create(" >+~,:");

    private readonly string? _tag;
    private readonly string? _id;
    private readonly string[] _classes;
    private readonly (string Name, string? Value)[] _attributes;

    private SimpleSelector(string? tag, string? id, string[] classes, (string, string?)[] attributes)
    {
        _tag = tag;
        _id = id;
        _classes = classes;
        _attributes = attributes;
    }

    /// <summary>Parses a selector; throws <see cref="FormatException"/> naming the selector when it is not one of the supported forms.</summary>
    public static SimpleSelector Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var text = selector.Trim();
        if (text.Length == 0 || text.AsSpan().IndexOfAny(Combinators) >= 0)
        {
            throw new FormatException($"Unsupported extraction override selector '{selector}': use tag, #id, .class, tag.class or [attr=value].");
        }

        string? tag = null;
        string? id = null;
        var classes = new List<string>();
        var attributes = new List<(string, string?)>();
        var i = 0;
        var start = ReadName(text, ref i);
        if (start.Length > 0)
        {
            tag = start.ToLowerInvariant();
        }

        while (i < text.Length)
        {
            var c = text[i++];
            switch (c)
            {
                case '#':
                    id = ReadName(text, ref i);
                    break;
                case '.':
                    classes.Add(ReadName(text, ref i));
                    break;
                case '[':
                    var close = text.IndexOf(']', i);
                    if (close < 0)
                    {
                        throw new FormatException($"Unsupported extraction override selector '{selector}': unclosed '['.");
                    }

                    var body = text[i..close];
                    i = close + 1;
                    var equals = body.IndexOf('=', StringComparison.Ordinal);
                    attributes.Add(equals < 0
                        ? (body.Trim().ToLowerInvariant(), null)
                        : (body[..equals].Trim().ToLowerInvariant(), body[(equals + 1)..].Trim().Trim('"', '\'')));
                    break;
                default:
                    throw new FormatException($"Unsupported extraction override selector '{selector}' at '{c}'.");
            }
        }

        if ((id is not null && id.Length == 0) || classes.Exists(string.IsNullOrEmpty))
        {
            throw new FormatException($"Unsupported extraction override selector '{selector}': empty name.");
        }

        return new SimpleSelector(tag, id, [.. classes], [.. attributes]);
    }

    public static IReadOnlyList<SimpleSelector> ParseAll(IReadOnlyList<string>? selectors)
    {
        if (selectors is null || selectors.Count == 0)
        {
            return [];
        }

        var result = new List<SimpleSelector>(selectors.Count);
        foreach (var selector in selectors)
        {
            result.Add(Parse(selector));
        }

        return result;
    }

    private static string ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '-' or '_'))
        {
            i++;
        }

        return text[start..i];
    }

    public bool Matches(HtmlNode node)
    {
        if (node.NodeType != HtmlNodeType.Element || (_tag is not null && node.Name != _tag))
        {
            return false;
        }

        if (_id is not null && !string.Equals(node.GetAttributeValue("id", string.Empty), _id, StringComparison.Ordinal))
        {
            return false;
        }

        if (_classes.Length > 0)
        {
            var classList = node.GetAttributeValue("class", string.Empty);
            foreach (var wanted in _classes)
            {
                if (!HasClass(classList, wanted))
                {
                    return false;
                }
            }
        }

        foreach (var (name, value) in _attributes)
        {
            var attribute = node.Attributes[name];
            if (attribute is null || (value is not null && !string.Equals(attribute.Value, value, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasClass(string classList, string wanted)
    {
        foreach (var range in classList.AsSpan().Split(' '))
        {
            if (classList.AsSpan()[range].Trim().SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }
}

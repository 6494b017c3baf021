using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>What the class, id and role of an element say about it.</summary>
internal enum ElementHint
{
    Neutral,

    /// <summary>Names content (article-body, entry-content, story-text…): a bonus when scoring.</summary>
    Content,

    /// <summary>Page furniture by name (sidebar, nav, header, widget…): dropped unless it holds most of the page's text.</summary>
    Layout,

    /// <summary>Boilerplate inside or around the article (comments, share bar, newsletter, paywall, bio…): always dropped.</summary>
    Boilerplate,
}

/// <summary>
/// Classifies elements by the words in their class and id attributes. Names are split into tokens ("c-article__share-bar"
/// → c, article, share, bar; "relatedLinks" → related, links) so a word is matched whole or by its stem, never inside an
/// unrelated word ("shadow" is not "ad", "biography-of-the-mayor" is not a "bio" box because stems are anchored).
/// </summary>
internal static class ClassTokens
{
    // Stems matched at the start of a token.
    private static readonly string[] BoilerplateStems =
    [
        "comment", "share", "sharing", "social", "related", "recommend", "promo", "newsletter", "subscri", "paywall",
        "cookie", "consent", "gdpr", "donat", "regist", "signup", "outbrain", "taboola", "disqus", "respond", "replies",
        "byline", "caption", "credit", "trending", "popular", "advert", "sponsor", "breadcrumb", "copyright", "timestamp",
        "offscreen", "login", "paginat", "newsticker", "ticker", "affiliate", "readmore", "discussion", "biography",
    ];

    // Tokens matched exactly (too short or too common to match as stems).
    private static readonly HashSet<string> BoilerplateWords = new(StringComparer.Ordinal)
    {
        "ad", "ads", "adv", "adslot", "bio", "bios", "cta", "tags", "tag", "author", "authors", "reply", "dateline",
        "meta", "skip", "print", "hidden", "hide", "sr", "visually", "email", "follow", "rating", "survey", "feedback",
        "donate", "date", "time", "published", "updated", "kicker", "eyebrow", "topics", "keywords", "subscribe",
        "signin", "paid", "metered", "disclaimer", "legal", "tools", "toolbar", "actions", "buttons", "icons", "badge",
    };

    // The part of the boilerplate vocabulary that never names a container of the article itself: the lighter passes
    // of the cascade still drop these. Words such as "hidden", "date", "meta", "tools" or "promo" also occur in the
    // modifiers of real body containers ("field--label-hidden", "date-outer", "node--promoted").
    private static readonly string[] StrongBoilerplateStems =
    [
        "comment", "share", "sharing", "social", "related", "recommend", "newsletter", "subscri", "cookie", "consent",
        "gdpr", "donat", "signup", "outbrain", "taboola", "disqus", "respond", "replies", "advert", "sponsor",
        "breadcrumb", "login", "affiliate", "discussion",
    ];

    private static readonly HashSet<string> StrongBoilerplateWords = new(StringComparer.Ordinal)
    {
        "ad", "ads", "adv", "adslot", "reply", "signin", "subscribe", "donate",
    };

    private static readonly string[] LayoutStems =
    [
        "sidebar", "footer", "header", "masthead", "navbar", "navigation", "menu", "widget", "banner", "popup", "modal",
        "overlay", "teaser", "pager", "topbar", "dropdown", "carousel", "gallery", "slideshow", "lightbox",
    ];

    private static readonly HashSet<string> LayoutWords = new(StringComparer.Ordinal)
    {
        "nav", "rail", "aside", "more", "links", "card", "cards", "complementary", "secondary", "extra", "extras",
        "utility", "aux", "sitemap", "logo",
    };

    private static readonly HashSet<string> ContentWords = new(StringComparer.Ordinal)
    {
        "article", "body", "content", "entry", "main", "post", "story", "text", "prose", "blog", "copy", "richtext",
        "articlebody", "storybody", "postbody", "entrycontent", "page", "column", "news", "liveblog", "live", "update",
        "updates", "feed", "paragraph", "paragraphs", "detail", "inhalt", "contenu", "contenido", "artikel", "noticia",
    };

    // Class names that describe state or a modifier of a container ("has-comments", "no-sidebar", "js-share-ready")
    // rather than what the element is.
    private static readonly string[] ModifierPrefixes = ["has-", "with-", "no-", "is-", "js-", "show-", "enable-", "template-", "layout-", "page-", "single-", "type-", "format-", "post-type-", "theme-", "u-", "tag-", "category-", "status-", "hentry"];

    public static ElementHint Classify(HtmlNode element)
    {
        var hint = ElementHint.Neutral;
        var contentSeen = false;
        foreach (var attribute in element.Attributes)
        {
            var name = attribute.Name;
            if (name is not ("class" or "id"))
            {
                continue;
            }

            var value = attribute.Value;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(' '))
            {
                var className = value.AsSpan()[range];
                if (className.IsEmpty || HasModifierPrefix(className))
                {
                    continue;
                }

                var classHint = ClassifyName(className);
                if (classHint == ElementHint.Boilerplate)
                {
                    return ElementHint.Boilerplate;
                }

                if (classHint == ElementHint.Content)
                {
                    contentSeen = true;
                }
                else if (classHint == ElementHint.Layout)
                {
                    hint = ElementHint.Layout;
                }
            }
        }

        // "main-sidebar" is a sidebar; "content" beside "sidebar" in one class list is ambiguous and stays layout.
        return hint == ElementHint.Neutral && contentSeen ? ElementHint.Content : hint;
    }

    /// <summary>Whether a class or id name of <paramref name="element"/> has a word that never names the article's container.</summary>
    public static bool HasStrongBoilerplateName(HtmlNode element)
    {
        foreach (var attribute in element.Attributes)
        {
            if (attribute.Name is not ("class" or "id") || string.IsNullOrEmpty(attribute.Value))
            {
                continue;
            }

            var value = attribute.Value;
            foreach (var range in value.AsSpan().Split(' '))
            {
                var className = value.AsSpan()[range];
                if (!className.IsEmpty && !HasModifierPrefix(className) && HasStrongToken(className))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasStrongToken(ReadOnlySpan<char> name)
    {
        Span<char> token = stackalloc char[64];
        var length = 0;
        var previousLower = false;
        var words = StrongBoilerplateWords.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : '-';
            var boundary = !char.IsAsciiLetterOrDigit(c) || (char.IsAsciiLetterUpper(c) && previousLower);
            if (boundary && length > 0)
            {
                if (words.Contains(token[..length]) || StartsWithAny(token[..length], StrongBoilerplateStems))
                {
                    return true;
                }

                length = 0;
            }

            if (char.IsAsciiLetterOrDigit(c) && length < token.Length)
            {
                token[length++] = char.ToLowerInvariant(c);
            }

            previousLower = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
        }

        return false;
    }

    private static bool HasModifierPrefix(ReadOnlySpan<char> className)
    {
        foreach (var prefix in ModifierPrefixes)
        {
            if (className.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal static ElementHint ClassifyName(ReadOnlySpan<char> name)
    {
        Span<char> token = stackalloc char[64];
        var length = 0;
        var tokens = 0;
        var result = ElementHint.Neutral;
        var previousLower = false;
        for (var i = 0; i <= name.Length; i++)
        {
            var c = i < name.Length ? name[i] : '-';
            var boundary = !char.IsAsciiLetterOrDigit(c) || (char.IsAsciiLetterUpper(c) && previousLower);
            if (boundary && length > 0)
            {
                var current = token[..length];
                var hint = ClassifyToken(current);
                if (hint == ElementHint.Boilerplate && IsQualifiedHiding(current, tokens, name, i))
                {
                    hint = ElementHint.Neutral;
                }

                if (hint == ElementHint.Boilerplate)
                {
                    return hint;
                }

                tokens++;

                if (hint == ElementHint.Layout || (hint == ElementHint.Content && result == ElementHint.Neutral))
                {
                    result = hint;
                }

                length = 0;
            }

            if (char.IsAsciiLetterOrDigit(c) && length < token.Length)
            {
                token[length++] = char.ToLowerInvariant(c);
            }

            previousLower = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
        }

        return result;
    }

    /// <summary>
    /// "hidden" after another word hides that word's part or one screen size, not the element: Drupal's
    /// "field--label-hidden" is a body field whose label is not shown, "hidden-xs" and "l-hidden-s" vanish on phones
    /// only. A leading "hidden", "is-hidden" (a modifier) and "visually-hidden" still mark the element itself.
    /// </summary>
    private static bool IsQualifiedHiding(ReadOnlySpan<char> token, int tokensBefore, ReadOnlySpan<char> name, int end)
    {
        if (token is not ("hidden" or "hide"))
        {
            return false;
        }

        if (end < name.Length && name[end..].ContainsAnyInRange('a', 'z') | name[end..].ContainsAnyInRange('A', 'Z') | name[end..].ContainsAnyInRange('0', '9'))
        {
            // Followed by a breakpoint or a part name: "hidden-xs", "hidden-mobile".
            return true;
        }

        return tokensBefore > 0 && !name.StartsWith("visually", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("sr-", StringComparison.OrdinalIgnoreCase);
    }

    private static ElementHint ClassifyToken(ReadOnlySpan<char> token)
    {
        var lookup = BoilerplateWords.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(token) || StartsWithAny(token, BoilerplateStems))
        {
            return ElementHint.Boilerplate;
        }

        if (LayoutWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token) || StartsWithAny(token, LayoutStems))
        {
            return ElementHint.Layout;
        }

        return ContentWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token) ? ElementHint.Content : ElementHint.Neutral;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> token, string[] stems)
    {
        foreach (var stem in stems)
        {
            if (token.StartsWith(stem, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

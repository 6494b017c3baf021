using System.Text.RegularExpressions;

namespace Digest.Core.Extraction;

/// <summary>
/// Paragraph-level clean-up of the body: what survives the element-level pruning but reads as page furniture. Only
/// short blocks are ever judged by their wording (a call to action is a line, not a paragraph of reporting), and a
/// section heading such as "Comments" or "Related stories" ends the article only when enough text precedes it.
/// </summary>
internal static partial class BlockFilter
{
    private const int MaxCallToActionWords = 45;

    public static List<TextBlock> Clean(List<TextBlock> blocks, string? title)
    {
        var result = CutAtEndMarker(blocks);
        var normalizedTitle = title is null ? null : Key(title);
        var kept = new List<TextBlock>(result.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
        {
            var block = result[i];
            if (block.Kind == BlockKind.Heading && block.HeadingLevel == 1)
            {
                continue;
            }

            var key = Key(block.Text);
            if (key.Length == 0 || (normalizedTitle is not null && key == normalizedTitle) || !seen.Add(key))
            {
                continue;
            }

            if (IsFurniture(block, isLast: i >= result.Count - 2))
            {
                continue;
            }

            kept.Add(block);
        }

        DropTailAppeals(kept);
        TrimEdges(kept);
        DropDanglingHeadings(kept);
        return kept;
    }

    private static string Key(string text) => text.Trim().ToLowerInvariant();

    private static List<TextBlock> CutAtEndMarker(List<TextBlock> blocks)
    {
        var total = 0;
        foreach (var block in blocks)
        {
            total += block.Text.Length;
        }

        var before = 0;
        var result = new List<TextBlock>(blocks.Count);
        foreach (var block in blocks)
        {
            var isMarkerShaped = block.Kind == BlockKind.Heading || (block.Words <= 6 && !EndsLikeSentence(block.Text));
            if (isMarkerShaped && block.Words <= 10 && EndMarker().IsMatch(block.Text))
            {
                if (before >= total * 0.4 && result.Count > 0)
                {
                    return result;
                }

                before += block.Text.Length;
                continue;
            }

            before += block.Text.Length;
            result.Add(block);
        }

        return result;
    }

    private static bool IsFurniture(TextBlock block, bool isLast)
    {
        var text = block.Text;
        if (block.Words <= MaxCallToActionWords && IsCallToAction(text))
        {
            return true;
        }

        if (block.Words <= 12 && (StandaloneLabel().IsMatch(text) || Credit().IsMatch(text) || IsBylineOrDate(text)))
        {
            return true;
        }

        if (block.Kind is BlockKind.Paragraph or BlockKind.ListItem && block.Words <= 3 && !EndsLikeSentence(text) && !ContainsDigit(text))
        {
            return true;
        }

        if (block.Words <= 40 && CaptionCredit().IsMatch(text))
        {
            return true;
        }

        return isLast && block.Words <= 70 && AuthorBio().IsMatch(text);
    }

    /// <summary>
    /// The end of a story is where outlets put their longer appeals ("our mission", "reader-supported", membership
    /// pitches). Within the last few paragraphs a looser wording test applies, to paragraphs of up to 100 words.
    /// </summary>
    private static void DropTailAppeals(List<TextBlock> blocks)
    {
        for (var checkedCount = 0; checkedCount < 3 && blocks.Count > 0; checkedCount++)
        {
            var index = blocks.Count - 1 - checkedCount;
            if (index < 1)
            {
                return;
            }

            var block = blocks[index];
            if (block.Words <= 100 && TailAppeal().IsMatch(block.Text))
            {
                blocks.RemoveAt(index);
                checkedCount--;
            }
        }
    }

    /// <summary>"By Jane Doe", "Updated 10:32 GMT", "4 March 2025" — but not a sentence such as "By Tuesday, the river had risen."</summary>
    private static bool IsBylineOrDate(string text) => !EndsLikeSentence(text) && (BylineOrDateLine().IsMatch(text) || DateOnly().IsMatch(text));

    /// <summary>Short fragments at the very start or end of the body with no sentence in them: bylines, tag rows, "Share".</summary>
    private static void TrimEdges(List<TextBlock> blocks)
    {
        while (blocks.Count > 0 && IsEdgeFragment(blocks[0], atStart: true))
        {
            blocks.RemoveAt(0);
        }

        while (blocks.Count > 0 && IsEdgeFragment(blocks[^1], atStart: false))
        {
            blocks.RemoveAt(blocks.Count - 1);
        }
    }

    private static bool IsEdgeFragment(TextBlock block, bool atStart) =>
        block.Kind == BlockKind.Heading ? !atStart : block.Kind != BlockKind.TableRow && block.Words < 8 && (!EndsLikeSentence(block.Text) || EndsWithEllipsis(block.Text));

    /// <summary>A trailing "…" on a short line is a lead-in to something else ("Just before you go…"), not a finished sentence.</summary>
    private static bool EndsWithEllipsis(string text) => text.EndsWith("...", StringComparison.Ordinal) || text.EndsWith('\u2026');

    /// <summary>A heading with no text under it (its section was boilerplate and went) is not content.</summary>
    private static void DropDanglingHeadings(List<TextBlock> blocks)
    {
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            if (blocks[i].Kind != BlockKind.Heading)
            {
                continue;
            }

            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            if (next is null || (next.Kind == BlockKind.Heading && next.HeadingLevel <= blocks[i].HeadingLevel))
            {
                blocks.RemoveAt(i);
            }
        }
    }

    internal static bool EndsLikeSentence(string text)
    {
        var trimmed = text.AsSpan().TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '\u2026' or '"' or '\u201D' or '\u201C' or '\u00BB' or '\u2019' or ')' or ':' or ';';
    }

    private static bool ContainsDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    // Section headings that start what follows the article: comments, related and recommended lists, bios, tags.
    [GeneratedRegex(
        """^\W*(\d+\s+)?(comments?\s*\(?\d*\)?|responses?|replies|reactions?|reader comments|join the (conversation|discussion)|leave a (reply|comment)|add a comment|post a comment|\d+\s+thoughts? on\b.*|(one|two|three|four|five|six|seven|eight|nine|ten)\s+thoughts? on\b.*|(\d+\s+)?responses? to\b.*|related( stories| articles| coverage| content| posts| news| reading| links| topics)?|more (from|on|stories|news|in|like this|to read)\b.*|read (more|next|also)\b.*|you (may|might) also (like|be interested in)\b.*|recommended( for you| reading| stories| articles)?|most (read|popular|viewed|shared)\b.*|trending( now| stories)?|popular( now| stories| articles)?|about the authors?|share (this|the) (article|story|post)|tags?|topics?|filed under\b.*|see also|further reading|kommentare?|\d+\s+kommentare?|leserkommentare|mehr zum thema|das könnte sie (auch )?interessieren|lesen sie auch|weitere artikel|commentaires?|\d+\s+commentaires?|réagissez|à lire aussi|lire aussi|sur le même sujet|dans la même rubrique|comentarios?|\d+\s+comentarios?|noticias relacionadas|te puede interesar|lee también|más noticias|más información)\W*$""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndMarker();

    // Appeals addressed to the reader. Split by theme into several expressions: one expression with all ninety
    // alternatives compiles to a method so large the JIT gives up optimizing it, and ran ten times slower.
    private static bool IsCallToAction(string text) =>
        PaywallAppeal().IsMatch(text) || SupportAppeal().IsMatch(text) || InteractionPrompt().IsMatch(text)
        || GermanAppeal().IsMatch(text) || FrenchOrSpanishAppeal().IsMatch(text);

    // Paywall meters and registration walls.
    [GeneratedRegex(
        """\b(you('ve| have) (read|reached|used|viewed|got|enjoyed)\b.{0,40}\b(articles?|stories|limit)|\d+ (free )?(articles?|stories) (left|remaining)|free articles? (left|remaining|this month)|subscribe (now|today|to (continue|read|keep|get|our|unlock|access))|subscribers? only|for subscribers|already (a|an) (subscriber|member|account)|(sign|log) ?in (to|or) (continue|read|keep|comment|register|subscribe)|create (a |your )?(free )?account|register (now|for free|to (continue|read|comment|receive|get|access|unlock))|(full|unlimited|free|digital) access\b|to (continue|keep) reading\b|continue reading\b)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaywallAppeal();

    // Donation, membership and newsletter appeals.
    [GeneratedRegex(
        """\b(donat(e|ing) (now|today)|by donating|(please|consider) (donate|donating|supporting|making a (donation|contribution))|make a (donation|contribution)|support (our|independent|quality|local) (journalism|reporting|newsroom)|become a (member|subscriber|supporter)|sign up (now|for (our|the|free)|to (get|receive|our)|today)|get (our|the) [\w ]{0,30}newsletter|newsletter (delivered|in your inbox|sign.?up)|(delivered|straight) (to|into) your inbox)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportAppeal();

    // Comment forms, cookie and consent notices, share and follow prompts, skip links, corrections and tip prompts.
    [GeneratedRegex(
        """\b(leave a (reply|comment)|post a comment|your email address will not be published|required fields are marked|we use cookies|(this|our) (site|website) uses cookies|(accept|allow|manage) (all )?cookies|cookie (settings|preferences|policy|consent)|by continuing to (use|browse)|by (using|browsing) (this|our) (site|website)|you agree to (our|the) (use of cookies|cookie|privacy|terms)|share (this|on (facebook|twitter|x|linkedin|whatsapp))|follow us on|click here to|sponsored content|skip to (main )?(content|navigation)|(spotted|spot|found|noticed?|see) an? (error|mistake|typo)|report an? (error|correction|mistake|typo)|(send|submit|email) us (a )?(correction|news tip|tip)s?|got a (news )?tip\b)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InteractionPrompt();

    [GeneratedRegex(
        """\b(jetzt (abonnieren|registrieren|anmelden|spenden|weiterlesen)|(abonnieren|registrieren) sie|melden sie sich an|kostenlos registrieren|unterstützen sie|wir verwenden cookies|cookies (akzeptieren|zulassen)|newsletter abonnieren)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GermanAppeal();

    [GeneratedRegex(
        """\b(abonnez-vous|inscrivez-vous|connectez-vous|déjà abonné|soutenez (notre|le) journalisme|faites un don|nous utilisons des cookies|accepter (les|tous les) cookies|suscr[ií]bete|reg[ií]strate|inicia sesi[oó]n|ya eres suscriptor|apoya (nuestro|el) periodismo|haz (un|una) (donativo|donaci[oó]n)|utilizamos cookies|aceptar (las )?cookies)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrenchOrSpanishAppeal();

    [GeneratedRegex("""\b(our mission|reader.(supported|funded)|(depends?|relies|rely) on (readers|you|your support|the support of)|every contribution|independent (newsroom|journalism|media|reporting)s? (depends|relies|needs|like)|support (us|our work|our journalism|independent (journalism|reporting))|(become|join) (a |our )?(member|subscriber|supporter)s?\b|make a (donation|contribution|gift)|by donating|donate (now|today|to us)|subscribe (now|today|to (us|our))|sign up (for|to) our|our (free )?newsletter|unterstützen sie (uns|unsere)|jetzt spenden|soutenez (nous|notre)|faites un don|apoya (nuestro|el) periodismo|hazte (socio|suscriptor))\b""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TailAppeal();

    // A caption that ends with its credit: "Crowds on the quay on Monday. Photo by Ana Ruiz/Example Agency."
    [GeneratedRegex("""[.!?]\s+(photo(graph)?|image|picture|credit|foto|bild)s?( by|:)\s[^.]{2,60}\.?$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionCredit();

    [GeneratedRegex("""^\W*(advertisement|advertising|ad|sponsored|anzeige|werbung|publicité|publicidad|share|tweet|email|print|comments?|top|back to top|menu|search|photo|video|gallery|listen|subscribe|\d+ min(ute)?s? read|lesezeit[: ].*|temps de lecture.*|tiempo de lectura.*)\W*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StandaloneLabel();

    [GeneratedRegex("""(^\W*(photo|photograph|image|picture|illustration|foto|bild|credit|crédit|quelle|fuente|source)s?( by| de| von)?\s*[:/©|]|^©|\((photo|image|foto|bild|crédit)s?:?[^)]*\)\W*$|^(photo|foto|bild|image): )""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credit();

    [GeneratedRegex("""^\W*((by|von|par|por|text:|texto:)\s+\p{Lu}|(published|updated|posted|last updated|first published|veröffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado)\b)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineOrDateLine();

    // A date or time standing alone: "2025-05-11", "11.05.2025 14:30", "4 March 2025", "March 4, 2025, 10:02 a.m.".
    [GeneratedRegex("""^\W*(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.? \p{L}+\.? \d{4}|\p{L}+\.? \d{1,2},? \d{4}|\d{1,2}[:.]\d{2})([ ,T|-]+\d{1,2}[:.]\d{2}\S*( ?[ap]\.?m\.?)?( \p{Lu}{2,5})?)?\W*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateOnly();

    [GeneratedRegex("""^\p{Lu}[\p{L}.'\-]+( [\p{L}.'\-]+){0,3} (is|was|covers|writes|reports) .{0,120}\b(reporter|correspondent|editor|writer|journalist|columnist|contributor|author|freelance|photographer|redakteur|redakteurin|korrespondent|korrespondentin|journaliste|rédacteur|rédactrice|periodista|corresponsal|redactor|redactora)""", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorBio();
}

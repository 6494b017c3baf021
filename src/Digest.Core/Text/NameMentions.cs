namespace Digest.Core.Text;

/// <summary>What a capitalized run of words names, as far as the words themselves tell.</summary>
public enum NameKind
{
    Person,
    Organisation,

    /// <summary>A place, a building, a title of a work, or a lone word that matches no person named in full.</summary>
    Other,
}

/// <summary>A name written in a text.</summary>
/// <param name="Text">The name with its original casing, without leading titles ("Minister") or a possessive "'s".</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="End">Offset just past its last character.</param>
/// <param name="Kind">Person, organisation or other.</param>
/// <param name="Canonical">For a person: the full name as first written in the text ("Dagny Rask" for a later "Rask").</param>
public sealed record NameMention(string Text, int Start, int End, NameKind Kind, string Canonical);

/// <summary>
/// Finds names in a text and tells people from organisations and places by general signals: an organisation's name holds
/// a word such as "Authority", "Court" or "Bank"; a place's holds "Valley", "Street" or "Quay", or follows "in"/"the";
/// a person's is two to four capitalized words with none of those. A lone word is a person when it is the first or last
/// word of a person named in full anywhere in the text ("Rask" after "Dagny Rask"). Quoted text should be masked by the
/// caller: names inside a quote are not the people the article itself mentions.
/// </summary>
public static class NameMentions
{
    private const int MaxPersonWords = 4;

    /// <summary>Capitalized words that introduce a name rather than belong to it: titles, roles, sentence openers.</summary>
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "minister", "prime",
        "judge", "justice", "envoy", "senator", "governor", "mayor", "chair", "chairman", "chairwoman", "secretary",
        "director", "chief", "commander", "general", "colonel", "captain", "sergeant", "inspector", "officer", "deputy",
        "acting", "former", "interior", "transport", "foreign", "finance", "health", "defence", "defense", "economy",
        "labour", "labor", "education", "environment", "union", "rebel", "picket", "assembly", "member", "spokesman",
        "spokeswoman", "spokesperson", "ambassador", "pastor", "father", "bishop", "coach", "councillor", "councilor",
        "king", "queen", "prince", "princess", "mp", "opposition", "leader", "head", "owner", "economist", "analyst",
    };

    /// <summary>Words that make a run an organisation's name.</summary>
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.Ordinal)
    {
        "authority", "court", "ministry", "office", "union", "association", "bank", "council", "cooperative", "co-operative",
        "chamber", "company", "agency", "commission", "service", "services", "party", "group", "police", "department",
        "institute", "university", "markets", "rail", "railways", "press", "trade", "commerce", "assembly", "parliament",
        "government", "board", "fund", "committee", "federation", "corporation", "inc", "ltd", "plc", "gmbh", "ab", "news",
        "times", "post", "airlines", "airways", "holdings", "foods", "motors", "energy", "insurance", "partners", "media",
        "systems", "stores", "society", "foundation", "trust", "league", "club", "army", "navy", "forces", "guard",
        "directorate", "secretariat", "administration", "bureau", "inspectorate", "exchange", "network", "alliance",
        "organisation", "organization", "coalition", "congress", "senate", "cabinet", "brigade", "team",
    };

    /// <summary>Words that make a run a place's (or building's) name.</summary>
    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "valley", "river", "street", "lane", "road", "avenue", "square", "quay", "bridge", "island", "islands", "hills",
        "hill", "mountains", "mountain", "lake", "sea", "bay", "coast", "harbour", "harbor", "port", "city", "town",
        "village", "county", "district", "province", "region", "state", "airport", "station", "school", "hospital",
        "hall", "house", "centre", "center", "park", "north", "south", "east", "west", "northern", "southern", "eastern",
        "western", "gate", "gates", "castle", "church", "cathedral", "tower", "stadium", "arena", "forest", "desert",
        "strait", "gulf", "ocean", "peninsula", "canal", "dam", "dike", "falls", "pass", "heights", "terminal",
    };

    /// <summary>Calendar words are capitalized but never a name.</summary>
    private static readonly HashSet<string> CalendarWords = new(StringComparer.Ordinal)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas", "easter",
    };

    /// <summary>Small words a name may hold between capitalized words ("Bank of Ostrand", "Ludwig van Dorn").</summary>
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "de", "la", "al", "bin", "van", "von", "der", "for", "and", "du", "da" };

    /// <summary>Name particles a person's name may hold; the other connectors mean an organisation or a title.</summary>
    private static readonly HashSet<string> PersonParticles = new(StringComparer.Ordinal) { "de", "la", "al", "bin", "van", "von", "der", "du", "da" };

    /// <summary>A lowercase word right before a run that makes it a place or an institution, never a person.</summary>
    private static readonly HashSet<string> NotBeforePerson = new(StringComparer.Ordinal) { "the", "in", "at", "near", "into", "via", "outside", "inside" };

    public static IReadOnlyList<NameMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenizer.Tokenize(text);
        var raw = new List<(int First, int Last, NameKind Kind)>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (!IsNameWord(tokens[i]))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < tokens.Count)
            {
                if (IsNameWord(tokens[end]) && Adjacent(text, tokens[end - 1], tokens[end]))
                {
                    end++;
                }
                else if (end + 1 < tokens.Count && Connectors.Contains(tokens[end].Lower) && IsNameWord(tokens[end + 1])
                    && Adjacent(text, tokens[end - 1], tokens[end]) && Adjacent(text, tokens[end], tokens[end + 1]))
                {
                    end += 2;
                }
                else
                {
                    break;
                }
            }

            var first = i;
            while (first < end && (Titles.Contains(tokens[first].Lower) || Stopwords.Contains(tokens[first].Lower)))
            {
                first++;
            }

            if (first < end)
            {
                raw.Add((first, end - 1, Classify(text, tokens, first, end - 1)));
            }

            i = end;
        }

        return Resolve(text, tokens, raw);
    }

    private static List<NameMention> Resolve(string text, IReadOnlyList<Token> tokens, List<(int First, int Last, NameKind Kind)> raw)
    {
        // Full names first, so a lone first name or surname anywhere in the text finds the person it belongs to (the
        // earliest full name wins); dictionaries keep this linear on name-stuffed input.
        var byWord = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (first, last, _) in raw.Where(r => r.Kind == NameKind.Person && r.Last > r.First))
        {
            var full = Written(text, tokens, first, last);
            byWord.TryAdd(tokens[first].Text, full);
            byWord.TryAdd(Written(text, tokens, last, last), full);
            byWord.TryAdd(full, full);
        }

        var mentions = new List<NameMention>();
        foreach (var (first, last, kind) in raw)
        {
            var written = Written(text, tokens, first, last);
            var start = tokens[first].Start;
            var end = start + written.Length;
            if (kind == NameKind.Person && first == last)
            {
                mentions.Add(byWord.TryGetValue(written, out var full)
                    ? new NameMention(written, start, end, NameKind.Person, full)
                    : new NameMention(written, start, end, NameKind.Other, written));
                continue;
            }

            mentions.Add(new NameMention(written, start, end, kind, kind == NameKind.Person ? byWord.GetValueOrDefault(written, written) : written));
        }

        return mentions;
    }

    private static NameKind Classify(string text, IReadOnlyList<Token> tokens, int first, int last)
    {
        var words = Enumerable.Range(first, last - first + 1).Select(k => StripPossessive(tokens[k].Lower)).ToList();
        if (words.Any(OrganisationWords.Contains) || FollowedByWhich(tokens, last))
        {
            return NameKind.Organisation;
        }

        if (words.Any(w => PlaceWords.Contains(w) || CalendarWords.Contains(w)))
        {
            return NameKind.Other;
        }

        var before = first > 0 && tokens[first - 1].Start + tokens[first - 1].Text.Length >= tokens[first].Start - 2 ? tokens[first - 1].Lower : null;
        if (before is not null && NotBeforePerson.Contains(before))
        {
            return NameKind.Other;
        }

        var connectorsOnlyParticles = words.All(w => !Connectors.Contains(w) || PersonParticles.Contains(w));
        var nameWords = words.Count(w => !PersonParticles.Contains(w));
        return connectorsOnlyParticles && nameWords <= MaxPersonWords && !words.Any(Stopwords.Contains) ? NameKind.Person : NameKind.Other;
    }

    /// <summary>"Transvia Ostrand, which runs the line": only an institution is introduced with "which".</summary>
    private static bool FollowedByWhich(IReadOnlyList<Token> tokens, int last)
        => last + 1 < tokens.Count && tokens[last + 1].Lower == "which";

    private static bool IsNameWord(Token token)
        => token.IsCapitalized && !token.IsNumber && !(token.Text.Length == 1 && token.Text != "O");

    private static string Written(string text, IReadOnlyList<Token> tokens, int first, int last)
    {
        var end = tokens[last].Start + tokens[last].Text.Length;
        var written = text[tokens[first].Start..end];
        return written.EndsWith("'s", StringComparison.Ordinal) || written.EndsWith("\u2019s", StringComparison.Ordinal) ? written[..^2] : written;
    }

    private static string StripPossessive(string lower)
        => lower.EndsWith("'s", StringComparison.Ordinal) ? lower[..^2] : lower;

    /// <summary>Words of one name are separated by a space or two, never by punctuation or a line break.</summary>
    private static bool Adjacent(string text, Token left, Token right)
    {
        var gapStart = left.Start + left.Text.Length;
        if (right.Start - gapStart is < 1 or > 2)
        {
            return false;
        }

        for (var k = gapStart; k < right.Start; k++)
        {
            if (text[k] is not ' ' and not '\u00A0')
            {
                return false;
            }
        }

        return true;
    }
}

using System.Runtime.InteropServices;
using Digest.Core.Coverage;
using Digest.Core.Text;

namespace Digest.Core.Stories;

/// <summary>
/// What clustering reads from an article: weighted term counts (body, lead, title and named entities) and a MinHash
/// signature of its wording. Computed once per article, in time linear in its (capped) length.
/// </summary>
public sealed class ArticleFeatures
{
    /// <summary>Prefix that keeps entity terms ("e:john kirby") apart from plain words.</summary>
    public const string EntityPrefix = "e:";

    private ArticleFeatures(string id, DateTimeOffset? published, Dictionary<string, double> terms,
        Dictionary<string, double> leadTerms, uint[] signature, bool undated, int words)
    {
        Id = id;
        Words = words;
        Undated = undated;
        Published = published;
        Terms = terms;
        LeadTerms = leadTerms;
        Signature = signature;
    }

    public string Id { get; }
    public DateTimeOffset? Published { get; }

    /// <summary>
    /// The article carries no date of its own (a batch places it at the date before it): time cannot tell it apart from
    /// adjacent events, so joining a story takes a stronger match.
    /// </summary>
    public bool Undated { get; }

    /// <summary>Weighted raw counts; TF-IDF is applied at scoring time with the current document frequencies.</summary>
    public IReadOnlyDictionary<string, double> Terms { get; }

    /// <summary>
    /// The headline and lead alone (with the entities they name): what the article is about, as opposed to the
    /// background it recalls. A profile of a strike leader recalls the strike at length but leads with her book.
    /// </summary>
    public IReadOnlyDictionary<string, double> LeadTerms { get; }

    public uint[] Signature { get; }

    /// <summary>
    /// Words of text read (up to the read cap): a headline and lead alone (a feed summary, a brief) is short, a full
    /// article goes on to the background that ties it to earlier coverage (see <see cref="StoryOptions.BridgeWords"/>).
    /// </summary>
    public int Words { get; }

    /// <param name="article">The article, with the date it is clustered at.</param>
    /// <param name="options">Clustering options.</param>
    /// <param name="undated">True when that date is not the article's own (see <see cref="Undated"/>).</param>
    public static ArticleFeatures Create(CoverageDocument article, StoryOptions options, bool undated = false)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(options);
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        var leadTerms = new Dictionary<string, double>(StringComparer.Ordinal);
        var text = article.Text.Length > 60_000 ? article.Text[..60_000] : article.Text;
        var leadText = text.Length > 20_000 ? text[..20_000] : text;
        // A headline in title case capitalizes every word: read for names, it would make the whole headline one "name" and
        // hide its words. Its names are then taken from the body alone.
        var titleCase = IsTitleCase(article.Title);
        var namedText = titleCase ? string.Empty : article.Title + "\n";
        var entities = EntityFinder.Find(namedText + leadText).Take(60).ToList();
        foreach (var entity in entities)
        {
            AddEntity(terms, entity, options);
        }

        var leadEntities = EntityFinder.Find(namedText + (leadText.Length > 600 ? leadText[..600] : leadText));
        foreach (var entity in leadEntities.Take(20))
        {
            AddEntity(leadTerms, entity, options);
        }

        // Words of names count once, as the entity: counted again as plain words, the actors would outweigh the event,
        // and two different events with the same actors (a company's breach and its results) would look alike.
        var nameWords = new HashSet<string>(entities.SelectMany(e => e.Split(' ')), StringComparer.Ordinal);
        var (tokens, stems) = SentenceTokens(text);
        var content = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (content >= options.MaxBodyWords)
            {
                break;
            }

            var token = tokens[i];
            var stem = token.IsCapitalized && nameWords.Contains(token.Lower) ? null : stems[i];
            if (stem is not null)
            {
                var inLead = content++ < options.LeadWords;
                Add(terms, stem, inLead ? options.LeadWeight : 1);
                if (inLead)
                {
                    Add(leadTerms, stem, 1);
                }
            }
        }

        foreach (var token in Tokenizer.Tokenize(article.Title).Take(40))
        {
            var stem = token.IsCapitalized && nameWords.Contains(token.Lower) ? null : ContentWords.StemOf(token);
            if (stem is not null)
            {
                Add(terms, stem, options.TitleWeight);
                Add(leadTerms, stem, options.TitleWeight);
            }
        }

        var words = tokens.Select(t => t.Lower).ToList();
        return new ArticleFeatures(article.Id, article.Published, terms, leadTerms, MinHash.Signature(words), undated, words.Count);
    }

    /// <summary>
    /// A name counts as itself and, with <see cref="StoryOptions.NameWordWeight"/>, as each of its words: outlets name the
    /// same person in full, by surname or with a title ("Sen. Mazie Hirono", "Hirono"), and only the words match.
    /// </summary>
    private static void AddEntity(Dictionary<string, double> terms, string entity, StoryOptions options)
    {
        Add(terms, EntityPrefix + entity, options.EntityWeight);
        if (options.NameWordWeight <= 0 || !entity.Contains(' ', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var word in entity.Split(' '))
        {
            if (word.Length > 2 && !Stopwords.Contains(word))
            {
                Add(terms, EntityPrefix + word, options.NameWordWeight);
            }
        }
    }

    /// <summary>
    /// The text's tokens and their stems, read sentence by sentence: the same tokens as the whole text's (no token spans
    /// a sentence break), but the names above and the coverage diff read the same sentences, so they come from the
    /// tokenizer's memory of recent sentences instead of being cut out and stemmed again.
    /// </summary>
    private static (List<Token> Tokens, List<string?> Stems) SentenceTokens(string text)
    {
        var tokens = new List<Token>(text.Length / 6 + 4);
        var stems = new List<string?>(tokens.Capacity);
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var (sentenceTokens, sentenceStems) = Tokenizer.TokenizeWithStems(sentence);
            tokens.AddRange(sentenceTokens);
            stems.AddRange(sentenceStems);
        }

        return (tokens, stems);
    }

    /// <summary>True for a headline that capitalizes (nearly) every longer word, as many outlets style them.</summary>
    internal static bool IsTitleCase(string title)
    {
        var words = 0;
        var capitalized = 0;
        foreach (var token in Tokenizer.Tokenize(title))
        {
            if (token.IsNumber || token.Lower.Length < 4)
            {
                continue;
            }

            words++;
            capitalized += token.IsCapitalized ? 1 : 0;
        }

        return words >= 3 && capitalized >= words * 0.8;
    }

    /// <summary>Adds to the term's weight in one hash lookup (this runs for every word of every article).</summary>
    private static void Add(Dictionary<string, double> terms, string term, double weight)
        => CollectionsMarshal.GetValueRefOrAddDefault(terms, term, out _) += weight;
}

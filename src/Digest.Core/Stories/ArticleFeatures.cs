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
        Dictionary<string, double> leadTerms, uint[] signature)
    {
        Id = id;
        Published = published;
        Terms = terms;
        LeadTerms = leadTerms;
        Signature = signature;
    }

    public string Id { get; }
    public DateTimeOffset? Published { get; }

    /// <summary>Weighted raw counts; TF-IDF is applied at scoring time with the current document frequencies.</summary>
    public IReadOnlyDictionary<string, double> Terms { get; }

    /// <summary>
    /// The headline and lead alone (with the entities they name): what the article is about, as opposed to the
    /// background it recalls. A profile of a strike leader recalls the strike at length but leads with her book.
    /// </summary>
    public IReadOnlyDictionary<string, double> LeadTerms { get; }

    public uint[] Signature { get; }

    public static ArticleFeatures Create(CoverageDocument article, StoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(options);
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        var leadTerms = new Dictionary<string, double>(StringComparer.Ordinal);
        var text = article.Text.Length > 60_000 ? article.Text[..60_000] : article.Text;
        var leadText = text.Length > 20_000 ? text[..20_000] : text;
        var entities = EntityFinder.Find(article.Title + "\n" + leadText).Take(60).ToList();
        foreach (var entity in entities)
        {
            Add(terms, EntityPrefix + entity, options.EntityWeight);
        }

        var leadEntities = EntityFinder.Find(article.Title + "\n" + (leadText.Length > 600 ? leadText[..600] : leadText));
        foreach (var entity in leadEntities.Take(20))
        {
            Add(leadTerms, EntityPrefix + entity, options.EntityWeight);
        }

        // Words of names count once, as the entity: counted again as plain words, the actors would outweigh the event,
        // and two different events with the same actors (a company's breach and its results) would look alike.
        var nameWords = new HashSet<string>(entities.SelectMany(e => e.Split(' ')), StringComparer.Ordinal);
        var tokens = Tokenizer.Tokenize(text);
        var content = 0;
        foreach (var token in tokens)
        {
            if (content >= options.MaxBodyWords)
            {
                break;
            }

            var stem = token.IsCapitalized && nameWords.Contains(token.Lower) ? null : ContentWords.StemOf(token);
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
        return new ArticleFeatures(article.Id, article.Published, terms, leadTerms, MinHash.Signature(words));
    }

    private static void Add(Dictionary<string, double> terms, string term, double weight)
        => terms[term] = terms.GetValueOrDefault(term) + weight;
}

namespace Digest.Core.Text;

/// <summary>
/// Function words, plus reporting verbs ("said", "told") that every news sentence carries and that say nothing about
/// the event itself.
/// </summary>
public static class Stopwords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as",
        "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't",
        "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during",
        "each", "ever", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having",
        "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how",
        "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
        "just", "let's", "me", "more", "most", "mustn't", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
        "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shan't",
        "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that", "that's", "the",
        "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they'd", "they'll",
        "they're", "they've", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "wasn't",
        "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "when's", "where",
        "where's", "which", "while", "who", "who's", "whom", "why", "why's", "will", "with", "won't", "would",
        "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves", "s", "t",
        "said", "says", "say", "saying", "told", "tell", "tells", "added", "according", "asked", "stated", "noted",
        "mr", "mrs", "ms", "dr", "one", "two", "three", "per", "cent", "percent", "since", "yet", "still", "already",
        "may", "might", "must", "shall", "us", "via", "within", "without", "across", "among", "around", "later",
        "earlier", "new", "last", "first", "told", "well", "even", "much", "many", "get", "got", "go", "going", "make",
        "made", "like", "whether", "though", "although", "however", "another", "every", "onto", "upon",
    };

    public static bool Contains(string lowerWord) => Words.Contains(lowerWord);
}

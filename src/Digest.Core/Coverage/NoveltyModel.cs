namespace Digest.Core.Coverage;

/// <summary>The signals the coverage diff weighs for one sentence.</summary>
/// <param name="Coverage">Share of the sentence's IDF-weighted content the best earlier sentence (or pair of one article) carries.</param>
/// <param name="Cosine">Cosine with the closest earlier sentence.</param>
/// <param name="DocumentCosine">Cosine with the closest earlier article taken whole.</param>
/// <param name="UnseenWeight">IDF weight of the content words earlier coverage never used.</param>
/// <param name="UnseenStems">How many such words.</param>
/// <param name="NewNames">Names (capitalized words inside the sentence) earlier coverage never used.</param>
/// <param name="BestAge">How far back the best match is: 0 for the latest earlier article, towards 1 for the first.</param>
/// <param name="Documents">Earlier articles of the story.</param>
/// <param name="BestDocument">The earlier article that carries it best.</param>
internal readonly record struct NoveltyEvidence(
    double Coverage, double Cosine, double DocumentCosine, double UnseenWeight, int UnseenStems, int NewNames, double BestAge,
    int Documents, int BestDocument);

/// <summary>How close the article's sentences are to earlier coverage on average.</summary>
internal readonly record struct ArticleEvidence(double MeanCosine, double MeanDocumentCosine);

/// <summary>
/// How likely a sentence is new, from its evidence: a logistic combination, fitted on the public dev half (see README).
/// Closeness to earlier coverage (best sentence, best article, share covered) says "repeated"; words and names earlier
/// coverage never used say "new"; a match only in old coverage (the story's beginnings) is more likely background
/// retold than a match in the latest reports, which a follow-up development resembles; the longer the story, the more
/// an article retells; and an article that as a whole retells earlier coverage has less news in each sentence.
/// </summary>
internal static class NoveltyModel
{
    public static double Probability(NoveltyEvidence e, ArticleEvidence article)
    {
        var z = 6.3807
            - (1.2226 * e.Coverage)
            - (2.5525 * e.Cosine)
            - (10.4852 * Math.Sqrt(e.DocumentCosine))
            + (0.0733 * e.UnseenWeight)
            - (0.3171 * e.UnseenStems)
            + (0.4317 * e.NewNames)
            - (1.7286 * e.BestAge)
            - (0.2857 * Math.Log(Math.Max(1, e.Documents)))
            - (4.8151 * (e.Cosine - article.MeanCosine))
            + (3.3564 * (e.DocumentCosine - article.MeanDocumentCosine));
        return 1 / (1 + Math.Exp(-z));
    }
}

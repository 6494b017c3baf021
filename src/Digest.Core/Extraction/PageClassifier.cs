namespace Digest.Core.Extraction;

/// <summary>
/// Decides whether a page is an article at all. Index, tag and search pages are lists of linked headlines with short
/// teasers; login pages are a password form with little text. Metadata that says "article" (JSON-LD Article types,
/// og:type=article) outweighs the shape of the page unless there is next to no text.
/// </summary>
internal static class PageClassifier
{
    private const int MinArticleWords = 50;

    public static string? NotArticleReason(PageMetadata metadata, IReadOnlyList<string> paragraphs, int words)
    {
        var declaredArticle = metadata.JsonLd.HasArticleType
            || string.Equals(metadata.Meta("og:type"), "article", StringComparison.OrdinalIgnoreCase);
        if (metadata.PasswordInputs > 0 && words < 150)
        {
            return "login page (password form, little text)";
        }

        if (!declaredArticle)
        {
            if (metadata.JsonLd.Types.Contains("SearchResultsPage"))
            {
                return "search results page (schema.org SearchResultsPage)";
            }

            if (metadata.JsonLd.Types.Contains("CollectionPage") || metadata.JsonLd.Types.Contains("ProfilePage"))
            {
                return "index page (schema.org CollectionPage/ProfilePage)";
            }

            var longestParagraph = 0;
            foreach (var paragraph in paragraphs)
            {
                longestParagraph = Math.Max(longestParagraph, TextNormalizer.CountWords(paragraph));
            }

            if (metadata.LinkedHeadings >= 4 && words < 600 && longestParagraph < 60)
            {
                return $"index page ({metadata.LinkedHeadings} linked headlines, no paragraph over 60 words)";
            }
        }

        if (words == 0)
        {
            return "no readable text on the page";
        }

        return words < (declaredArticle ? 20 : MinArticleWords) ? $"too little text for an article ({words} words)" : null;
    }
}

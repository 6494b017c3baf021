using System.Globalization;
using Digest.Core.Safety;
using Digest.Core.Summaries;

namespace Digest.Core.Briefings;

/// <summary>Wording shared by the HTML and plain-text renderings, so the two parts of an email say the same thing.</summary>
internal static class BriefingText
{
    public static string Heading(Briefing briefing)
        => "Your Digest for " + briefing.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>One line, whatever the headline holds: it becomes a mail header (the mail adapter checks again).</summary>
    public static string Subject(Briefing briefing)
    {
        var date = briefing.Date.ToString("d MMM", CultureInfo.InvariantCulture);
        var title = briefing.Stories.Count == 0 ? "" : SafeText.Inline(briefing.Stories[0].Title) ?? "";
        return briefing.Stories.Count switch
        {
            0 => $"Digest {date}: a quiet day",
            1 => $"Digest {date}: {title}",
            _ => $"Digest {date}: {title} + {(briefing.Stories.Count - 1).ToString(CultureInfo.InvariantCulture)} more",
        };
    }

    public static string Overview(Briefing briefing)
    {
        var inWindow = briefing.Stories.SelectMany(s => s.Coverage).Where(c => c.InWindow).ToList();
        var outlets = inWindow.Select(c => c.Outlet).Distinct(StringComparer.Ordinal).Count();
        var articles = inWindow.Count;
        return briefing.Stories.Count == 0
            ? "Nothing new from your outlets since the last briefing."
            : string.Create(CultureInfo.InvariantCulture,
                $"{briefing.Stories.Count} {Plural(briefing.Stories.Count, "story", "stories")} from {articles} {Plural(articles, "article", "articles")} by {outlets} {Plural(outlets, "outlet", "outlets")}.");
    }

    public static string StoryTag(BriefingStory story)
    {
        var outlets = story.Outlets.Count;
        return (story.IsNew ? "New story" : "Developing") + " · "
            + string.Create(CultureInfo.InvariantCulture, $"{outlets} {Plural(outlets, "outlet", "outlets")}");
    }

    public static string Published(DateTimeOffset published)
        => published.UtcDateTime.ToString("d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Sentence(AttributedSentence sentence) => sentence.Text;

    private static string Plural(int count, string one, string many) => count == 1 ? one : many;
}

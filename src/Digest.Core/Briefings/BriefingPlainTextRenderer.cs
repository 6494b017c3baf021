using System.Text;
using Digest.Core.Safety;

namespace Digest.Core.Briefings;

/// <summary>The briefing as plain text: the text/plain part of the email, and the .txt in the archive.</summary>
public static class BriefingPlainTextRenderer
{
    public static string Render(Briefing briefing, BriefingLinks? links = null)
    {
        var text = new StringBuilder(8 * 1024);
        text.Append(BriefingText.Heading(briefing)).Append('\n')
            .Append(BriefingText.Overview(briefing)).Append("\n\n");

        var number = 0;
        foreach (var story in briefing.Stories)
        {
            number++;
            text.Append(new string('-', 72)).Append('\n')
                .Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(". ").Append(story.Title).Append('\n')
                .Append("   ").Append(BriefingText.StoryTag(story)).Append("\n\n");

            if (story.WhatsNew.Count > 0)
            {
                text.Append(story.IsNew ? "The story:\n" : "What's new:\n");
                foreach (var sentence in story.WhatsNew)
                {
                    text.Append("  - ").Append(sentence.Text).Append(" [").Append(sentence.Outlet).Append("]\n");
                }

                text.Append('\n');
            }

            foreach (var update in story.Updates)
            {
                text.Append("  ").Append(update.Label).Append(": ").Append(update.Previous).Append(" -> ").Append(update.Current).Append('\n');
            }

            foreach (var quote in story.Quotes)
            {
                text.Append("  \"").Append(quote.Text).Append('"');
                if (quote.Speaker is not null)
                {
                    text.Append(" (").Append(quote.Speaker).Append(')');
                }

                text.Append('\n');
            }

            if (story.Updates.Count + story.Quotes.Count > 0)
            {
                text.Append('\n');
            }

            if (!story.IsNew && story.Summary.Count > 0)
            {
                text.Append("The story so far:\n  ")
                    .AppendJoin(' ', story.Summary.Select(s => $"{s.Text} [{s.Outlet}]"))
                    .Append("\n\n");
            }

            text.Append("Coverage:\n");
            foreach (var link in story.Coverage)
            {
                text.Append("  ").Append(link.InWindow ? "* " : "  ").Append(link.Outlet).Append(", ")
                    .Append(BriefingText.Published(link.Published)).Append(": ").Append(link.Title).Append('\n');

                // Mail clients turn any URL-looking text into a link, so a non-http(s) address is not written at all.
                if (SafeUrl.IsHttp(link.Url))
                {
                    text.Append("      ").Append(link.Url.AbsoluteUri).Append('\n');
                }
            }

            text.Append('\n');
        }

        text.Append("Each line names the outlet it comes from. \"What's new\" leaves out what earlier coverage already reported.\n");
        if (SafeUrl.IsHttp(links?.WebCopy))
        {
            text.Append("\nRead it on the web: ").Append(links.WebCopy.AbsoluteUri).Append('\n');
        }

        if (SafeUrl.IsHttp(links?.Unsubscribe))
        {
            text.Append("\nYou get this because you subscribed to Digest. Unsubscribe: ").Append(links.Unsubscribe.AbsoluteUri).Append('\n');
        }

        return text.ToString();
    }
}

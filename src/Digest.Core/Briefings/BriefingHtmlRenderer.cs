using System.Net;
using System.Text;
using Digest.Core.Safety;

namespace Digest.Core.Briefings;

/// <summary>
/// The briefing as an HTML email: one centred column, inline styles only (mail clients drop style sheets), tables for
/// layout where clients need them, system fonts, readable without images. The inline styles are the light theme; a
/// small <c>prefers-color-scheme</c> block re-colours the classes that <see cref="DarkModeClasses"/> derives from them,
/// for clients that honour it. A hidden preheader carries the overview to the inbox list. The HTML stays under Gmail's
/// clipping limit: stories that would pass it are left to the web copy, with a line saying how many.
/// </summary>
public static class BriefingHtmlRenderer
{
    /// <summary>Gmail clips messages whose HTML passes 102 KB; the budget leaves room for the transfer encoding's lines.</summary>
    public const int MaxHtmlBytes = 96 * 1024;

    private const string Font = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
    private const string Sans = Font;

    private const string DarkStyle = "<style>:root{color-scheme:light dark;supported-color-schemes:light dark;}"
        + "@media (prefers-color-scheme:dark){.bg{background:#151514 !important;}.card{background:#232321 !important;}"
        + ".tx{color:#ecebe6 !important;}.mu{color:#b9b7ae !important;}.ln{color:#8ab4f8 !important;}.rule{border-color:#3a3a37 !important;}}</style>";

    public static string Render(Briefing briefing, BriefingLinks? links = null)
    {
        links ??= new BriefingLinks();
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><meta name=\"supported-color-schemes\" content=\"light dark\">")
            .Append("<title>").Append(E(BriefingText.Subject(briefing))).Append("</title>").Append(DarkStyle).Append("</head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#f4f1ea;\">\n")
            // The preheader: the line inbox lists show after the subject, hidden in the message itself.
            .Append("<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all;\">").Append(E(BriefingText.Overview(briefing)))
            .Append(' ').Append(string.Concat(Enumerable.Repeat("&#8199;&#65279;", 40))).Append("</div>\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f4f1ea;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:640px;background:#ffffff;border-radius:6px;\">\n")
            .Append("<tr><td style=\"padding:28px 32px 8px 32px;").Append(Sans).Append("\">")
            .Append("<div style=\"font-size:13px;letter-spacing:.08em;text-transform:uppercase;color:#8a6d3b;\">Digest</div>")
            .Append("<h1 style=\"margin:6px 0 4px 0;font-size:26px;line-height:1.25;color:#1d1d1b;").Append(Font).Append("\">")
            .Append(E(BriefingText.Heading(briefing))).Append("</h1>")
            .Append("<p style=\"margin:0 0 8px 0;font-size:14px;color:#5f5f5a;\">").Append(E(BriefingText.Overview(briefing))).Append("</p>")
            .Append("</td></tr>\n");

        var footer = Footer(links);
        var stories = new List<(BriefingStory Story, string Html)>(briefing.Stories.Count);
        foreach (var story in briefing.Stories)
        {
            var part = new StringBuilder(4 * 1024);
            AppendStory(part, story);
            stories.Add((story, part.ToString()));
        }

        // Stories in order until the budget is reached; the contents list only names the stories that are shown.
        var budget = MaxHtmlBytes - Encoding.UTF8.GetByteCount(html.ToString()) - Encoding.UTF8.GetByteCount(footer) - 2048;
        var shown = new List<(BriefingStory Story, string Html)>();
        foreach (var story in stories)
        {
            var cost = Encoding.UTF8.GetByteCount(story.Html) + Encoding.UTF8.GetByteCount(story.Story.Title) * 2 + 160;
            if (cost > budget && shown.Count > 0)
            {
                break;
            }

            shown.Add(story);
            budget -= cost;
        }

        if (shown.Count > 1)
        {
            AppendContents(html, shown.ConvertAll(s => s.Story));
        }

        foreach (var story in shown)
        {
            html.Append(story.Html);
        }

        if (shown.Count < stories.Count)
        {
            var more = stories.Count - shown.Count;
            html.Append("<tr><td style=\"padding:16px 32px 4px 32px;font-size:15px;color:#1d1d1b;").Append(Sans).Append("\">")
                .Append(more.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(more == 1 ? " more story" : " more stories");
            if (SafeUrl.IsHttp(links.WebCopy))
            {
                html.Append(" in the <a href=\"").Append(E(links.WebCopy.AbsoluteUri)).Append("\" style=\"color:#1a5fb4;\">web copy</a>");
            }

            html.Append(".</td></tr>\n");
        }

        html.Append(footer);
        return DarkModeClasses.Apply(html.ToString());
    }

    private static string Footer(BriefingLinks links)
    {
        var footer = new StringBuilder(1024);
        footer.Append("<tr><td style=\"padding:20px 32px 28px 32px;font-size:12px;line-height:1.6;color:#5f5f5a;").Append(Sans).Append("\">")
            .Append("Each line names the outlet it comes from. &ldquo;What&rsquo;s new&rdquo; leaves out what earlier coverage already reported.");
        if (SafeUrl.IsHttp(links.WebCopy))
        {
            footer.Append("<br><a href=\"").Append(E(links.WebCopy.AbsoluteUri)).Append("\" style=\"color:#1a5fb4;\">Read this briefing on the web</a>");
        }

        if (SafeUrl.IsHttp(links.Unsubscribe))
        {
            footer.Append("<br>You get this because you subscribed to Digest. <a href=\"").Append(E(links.Unsubscribe.AbsoluteUri))
                .Append("\" style=\"color:#1a5fb4;\">Unsubscribe</a>");
        }

        footer.Append("</td></tr>\n</table>\n</td></tr></table>\n</body></html>\n");
        return footer.ToString();
    }

    private static void AppendContents(StringBuilder html, List<BriefingStory> stories)
    {
        html.Append("<tr><td style=\"padding:4px 32px 4px 32px;").Append(Sans).Append("\"><ol style=\"margin:0;padding-left:20px;font-size:14px;line-height:1.6;color:#1d1d1b;\">");
        foreach (var story in stories)
        {
            html.Append("<li><a href=\"#").Append(E(story.StoryId)).Append("\" style=\"color:#1d1d1b;\">").Append(E(story.Title)).Append("</a></li>");
        }

        html.Append("</ol></td></tr>\n");
    }

    private static void AppendStory(StringBuilder html, BriefingStory story)
    {
        html.Append("<tr><td id=\"").Append(E(story.StoryId)).Append("\" style=\"padding:20px 32px 4px 32px;border-top:1px solid #ece8df;\">")
            .Append("<div style=\"font-size:12px;letter-spacing:.05em;text-transform:uppercase;color:").Append(story.IsNew ? "#2f6f4f" : "#8a6d3b").Append(';').Append(Sans).Append("\">")
            .Append(E(BriefingText.StoryTag(story))).Append("</div>")
            .Append("<h2 style=\"margin:4px 0 10px 0;font-size:21px;line-height:1.3;color:#1d1d1b;").Append(Font).Append("\">").Append(E(story.Title)).Append("</h2>");

        if (story.WhatsNew.Count > 0)
        {
            html.Append("<div style=\"font-size:13px;font-weight:600;color:#1d1d1b;").Append(Sans).Append("\">")
                .Append(story.IsNew ? "The story" : "What&rsquo;s new").Append("</div>")
                .Append("<ul style=\"margin:6px 0 12px 0;padding-left:20px;font-size:16px;line-height:1.55;color:#2b2b28;").Append(Font).Append("\">");
            foreach (var sentence in story.WhatsNew)
            {
                html.Append("<li style=\"margin-bottom:6px;\">").Append(E(sentence.Text))
                    .Append(" <span style=\"font-size:12px;color:#8b8b85;").Append(Sans).Append("\">").Append(E(sentence.Outlet)).Append("</span></li>");
            }

            html.Append("</ul>");
        }

        if (story.Updates.Count > 0)
        {
            html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 12px 0;font-size:14px;color:#2b2b28;").Append(Sans).Append("\">");
            foreach (var update in story.Updates)
            {
                html.Append("<tr><td style=\"padding:2px 12px 2px 0;color:#5f5f5a;\">").Append(E(update.Label)).Append("</td>")
                    .Append("<td style=\"padding:2px 0;\"><s style=\"color:#8b8b85;\">").Append(E(update.Previous)).Append("</s> &rarr; <strong>")
                    .Append(E(update.Current)).Append("</strong></td></tr>");
            }

            html.Append("</table>");
        }

        foreach (var quote in story.Quotes)
        {
            html.Append("<blockquote style=\"margin:0 0 12px 0;padding:4px 0 4px 14px;border-left:3px solid #d8c9a3;font-size:15px;line-height:1.5;color:#2b2b28;").Append(Font).Append("\">&ldquo;")
                .Append(E(quote.Text)).Append("&rdquo;");
            if (quote.Speaker is not null)
            {
                html.Append(" <span style=\"font-size:13px;color:#5f5f5a;").Append(Sans).Append("\">&mdash; ").Append(E(quote.Speaker)).Append("</span>");
            }

            html.Append("</blockquote>");
        }

        if (!story.IsNew && story.Summary.Count > 0)
        {
            html.Append("<details open><summary style=\"font-size:13px;font-weight:600;color:#1d1d1b;cursor:pointer;").Append(Sans).Append("\">The story so far</summary>")
                .Append("<p style=\"margin:6px 0 12px 0;font-size:15px;line-height:1.55;color:#4a4a45;").Append(Font).Append("\">");
            foreach (var sentence in story.Summary)
            {
                html.Append(E(sentence.Text)).Append(" <span style=\"font-size:11px;color:#8b8b85;").Append(Sans).Append("\">(").Append(E(sentence.Outlet)).Append(")</span> ");
            }

            html.Append("</p></details>");
        }

        html.Append("<div style=\"font-size:13px;line-height:1.7;color:#5f5f5a;margin-bottom:12px;").Append(Sans).Append("\">Coverage: ");
        var first = true;
        foreach (var link in story.Coverage)
        {
            if (!first)
            {
                html.Append(" &middot; ");
            }

            first = false;
            if (SafeUrl.IsHttp(link.Url))
            {
                html.Append("<a href=\"").Append(E(link.Url.AbsoluteUri)).Append("\" title=\"").Append(E(link.Title)).Append("\" style=\"color:")
                    .Append(link.InWindow ? "#1a5fb4" : "#7a7a75").Append(";\">").Append(E(link.Outlet)).Append("</a>");
            }
            else
            {
                // No address a reader could open: the outlet and the headline as text, so the article can still be found.
                html.Append("<span style=\"color:").Append(link.InWindow ? "#1d1d1b" : "#7a7a75").Append(";\">").Append(E(link.Outlet))
                    .Append(": &ldquo;").Append(E(link.Title)).Append("&rdquo;</span>");
            }

            html.Append(" <span style=\"font-size:11px;\">").Append(E(BriefingText.Published(link.Published))).Append("</span>");
        }

        html.Append("</div></td></tr>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

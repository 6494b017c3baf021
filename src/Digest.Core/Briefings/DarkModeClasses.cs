using System.Text;
using System.Text.RegularExpressions;

namespace Digest.Core.Briefings;

/// <summary>
/// Gives each styled element of the mail the class of its light-theme colour role (page, card, text, muted text, link,
/// rule), read from its inline style, so the one <c>prefers-color-scheme: dark</c> block can re-colour them. The
/// palette thus lives in the inline styles alone, and a new element gets its dark colours by using a palette colour.
/// </summary>
internal static partial class DarkModeClasses
{
    private static readonly (string Light, string Class)[] Roles =
    [
        ("background:#f4f1ea", "bg"),
        ("background:#ffffff", "card"),
        ("border-top:1px solid #ece8df", "rule"),
        ("color:#1a5fb4", "ln"),
        ("color:#1d1d1b", "tx"),
        ("color:#2b2b28", "tx"),
        ("color:#4a4a45", "tx"),
        ("color:#2f6f4f", "mu"),
        ("color:#5f5f5a", "mu"),
        ("color:#7a7a75", "mu"),
        ("color:#8b8b85", "mu"),
        ("color:#8a6d3b", "mu"),
    ];

    public static string Apply(string html) => StyleAttribute().Replace(html, match =>
    {
        var style = match.Groups[1].Value;
        var classes = new StringBuilder();
        foreach (var (light, name) in Roles)
        {
            if (style.Contains(light, StringComparison.Ordinal) && !(" " + classes + " ").Contains(" " + name + " ", StringComparison.Ordinal))
            {
                classes.Append(classes.Length == 0 ? string.Empty : " ").Append(name);
            }
        }

        return classes.Length == 0 ? match.Value : $"class=\"{classes}\" {match.Value}";
    });

    [GeneratedRegex("style=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex StyleAttribute();
}

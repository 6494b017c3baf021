using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Digest.Core.Mail;
using Digest.Core.Safety;

namespace Digest.Core.Subscribers;

/// <summary>
/// A subscribe request from outside, checked: one bare address, an IANA zone, an hour, and short lists of short words.
/// Every error is fixed text, never the input: the HTTP API must not echo a request.
/// </summary>
public sealed record SubscriptionRequest(string Address, string TimeZone, int Hour, IReadOnlyList<string> Keywords, IReadOnlyList<string> Outlets)
{
    public const string DefaultTimeZone = "UTC";
    public const int DefaultHour = 7;
    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 50;
    public const int MaxOutlets = 20;
    public const int MaxOutletLength = 100;
    private const int MaxZoneLength = 64;

    public static bool TryCreate(string? email, string? timeZone, int? hour, IReadOnlyList<string>? keywords, IReadOnlyList<string>? outlets,
        [NotNullWhen(true)] out SubscriptionRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        // A display name ("Name <a@b>") is refused: the address is all a subscriber gives, and all a mail header gets.
        if (email is null || email.Contains('<', StringComparison.Ordinal) || !MailAddressParser.TryParse(email, out var address, out _))
        {
            error = "email must be one mail address, local@domain, without a name or control characters.";
            return false;
        }

        var zone = timeZone ?? DefaultTimeZone;
        if (!IsIanaZone(zone))
        {
            error = "timeZone must be an IANA time zone, e.g. Europe/Berlin or America/New_York.";
            return false;
        }

        if (hour is < 0 or > 23)
        {
            error = "hour must be a whole number from 0 to 23.";
            return false;
        }

        if (!TryWords(keywords, MaxKeywords, MaxKeywordLength, "keywords", out var words, out error)
            || !TryWords(outlets, MaxOutlets, MaxOutletLength, "outlets", out var names, out error))
        {
            return false;
        }

        request = new SubscriptionRequest(address.Address, zone, hour ?? DefaultHour, words, names);
        return true;
    }

    /// <summary>
    /// Only the characters zone ids are made of, and no "..": the id names a file under the system's zoneinfo folder,
    /// so it is checked before it is looked up. Windows ids are refused, so every host reads the same zone.
    /// </summary>
    private static bool IsIanaZone(string zone)
    {
        if (zone.Length is 0 or > MaxZoneLength || zone.Contains("..", StringComparison.Ordinal) || zone.StartsWith('/')
            || zone.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) && info.HasIanaId;
    }

    /// <summary>
    /// Trimmed, de-duplicated (case-insensitively), none empty; no control or invisible characters, and no angle
    /// brackets, which no word or outlet name needs and which keeps every later page that shows them harmless.
    /// </summary>
    private static bool TryWords(IReadOnlyList<string>? values, int maxCount, int maxLength, string field,
        out IReadOnlyList<string> words, [NotNullWhen(false)] out string? error)
    {
        words = [];
        error = null;
        if (values is null)
        {
            return true;
        }

        var message = string.Create(CultureInfo.InvariantCulture,
            $"{field} must be a list of at most {maxCount} words, each 1 to {maxLength} characters, without control characters or < >.");
        if (values.Count > maxCount)
        {
            error = message;
            return false;
        }

        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            var word = value?.Trim();
            if (string.IsNullOrEmpty(word) || word.Length > maxLength || word.Any(c => char.IsControl(c) || SafeText.IsUnsafe(c) || c is '<' or '>'))
            {
                error = message;
                return false;
            }

            if (!result.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(word);
            }
        }

        words = result;
        return true;
    }
}

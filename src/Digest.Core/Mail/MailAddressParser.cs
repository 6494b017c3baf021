using System.Diagnostics.CodeAnalysis;
using Digest.Core.Safety;

namespace Digest.Core.Mail;

/// <summary>
/// Reads the addresses of the configuration (<c>"Name &lt;local@domain&gt;"</c> or a bare <c>local@domain</c>), strictly
/// enough that whatever passes can go into a mail header as it is: the common dot-atom form of RFC 5322 (no quoted
/// local parts, no comments, no IP-literal domains), no control characters, no line breaks.
/// </summary>
public static class MailAddressParser
{
    private const int MaxAddressLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;
    private const string AtomSpecials = "!#$%&'*+/=?^_`{|}~-";

    public static bool TryParse(string? value, [NotNullWhen(true)] out MailAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "the address is empty";
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || SafeText.IsUnsafe(c))
            {
                error = "the address holds a control character";
                return false;
            }
        }

        string? displayName = null;
        var spec = value.Trim();
        var open = spec.IndexOf('<', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = spec.LastIndexOf('>');
            if (close != spec.Length - 1 || close < open)
            {
                error = "a name with an address must look like Name <local@domain>";
                return false;
            }

            displayName = SafeText.Inline(spec[..open].Trim().Trim('"'));
            spec = spec[(open + 1)..close].Trim();
        }

        if (!IsAddrSpec(spec, out error))
        {
            return false;
        }

        address = new MailAddress(spec, displayName);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the problem.</summary>
    public static MailAddress Parse(string value)
        => TryParse(value, out var address, out var error)
            ? address
            : throw new FormatException($"\"{SafeText.ForTerminal(value)}\" is not a mail address: {error}.");

    private static bool IsAddrSpec(string spec, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (spec.Length > MaxAddressLength)
        {
            error = "the address is longer than 254 characters";
            return false;
        }

        var at = spec.LastIndexOf('@');
        if (at <= 0 || at == spec.Length - 1 || spec.IndexOf('@', StringComparison.Ordinal) != at)
        {
            error = "it needs exactly one @ between a local part and a domain";
            return false;
        }

        var local = spec[..at];
        var domain = spec[(at + 1)..];
        if (local.Length > MaxLocalPartLength || !IsDotAtom(local))
        {
            error = $"the part before @ (\"{local}\") is not a valid local part";
            return false;
        }

        if (!IsDomain(domain))
        {
            error = $"\"{domain}\" is not a valid domain name";
            return false;
        }

        return true;
    }

    private static bool IsDotAtom(string text)
    {
        if (text.StartsWith('.') || text.EndsWith('.') || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !AtomSpecials.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 && !string.Equals(domain, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength || label.StartsWith('-') || label.EndsWith('-'))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }
}

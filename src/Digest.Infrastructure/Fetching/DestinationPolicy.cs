using System.Net;

namespace Digest.Infrastructure.Fetching;

/// <summary>
/// Which hosts and addresses a fetch may connect to: public addresses always; anything else only when the operator
/// allowed it by host name (<see cref="FetchOptions.AllowedHosts"/>), by network (<see cref="FetchOptions.AllowedNetworks"/>)
/// or wholesale (<see cref="FetchOptions.AllowPrivateAddresses"/>).
/// </summary>
internal sealed class DestinationPolicy
{
    private readonly HashSet<string> allowedHosts;
    private readonly IPNetwork[] allowedNetworks;
    private readonly bool allowAll;

    public DestinationPolicy(FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        allowedHosts = new HashSet<string>(options.AllowedHosts.Select(NormalizeHost), StringComparer.OrdinalIgnoreCase);
        allowedNetworks = [.. options.AllowedNetworks.Select(network => IPNetwork.Parse(network))];
        allowAll = options.AllowPrivateAddresses;
    }

    /// <summary>True when the operator named this host: every address it resolves to may be reached.</summary>
    public bool IsAllowedHost(string host) => allowAll || allowedHosts.Contains(NormalizeHost(host));

    /// <summary>Null when <paramref name="address"/> may be reached, otherwise why not ("a loopback address").</summary>
    public string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var kind = AddressClassifier.Classify(address);
        if (kind == AddressKind.Public || allowAll)
        {
            return null;
        }

        var effective = AddressClassifier.EffectiveAddress(address);
        if (allowedNetworks.Any(network => network.Contains(address) || network.Contains(effective)))
        {
            return null;
        }

        var reason = AddressClassifier.Describe(kind);
        return effective.Equals(address) ? reason : $"{reason} (it leads to IPv4 {effective})";
    }

    /// <summary>Host names compare case-insensitively; an IPv6 literal may be written with or without brackets.</summary>
    private static string NormalizeHost(string host)
    {
        var trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(trimmed, out var literal) ? literal.ToString() : trimmed.TrimEnd('.');
    }
}

using System.Net;
using System.Net.Sockets;

namespace Digest.Infrastructure.Fetching;

/// <summary>What kind of destination an IP address is, as far as server-side request forgery is concerned.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    SharedAddressSpace,
    Multicast,
    Unspecified,
    Broadcast,
    Reserved,
    Benchmarking,
    Documentation,
}

/// <summary>
/// Sorts an IP address into <see cref="AddressKind"/> by the IANA special-purpose registries. IPv6 forms that carry an
/// IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they lead to, because that is where
/// the packets end up: <c>::ffff:127.0.0.1</c> is loopback, <c>64:ff9b::a00:1</c> is private.
/// </summary>
public static class AddressClassifier
{
    // Most specific first: the first range that contains the address decides.
    private static readonly (IPNetwork Network, AddressKind Kind)[] V4Ranges =
    [
        (IPNetwork.Parse("255.255.255.255/32"), AddressKind.Broadcast),
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("192.88.99.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Benchmarking),
        (IPNetwork.Parse("198.51.100.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), AddressKind.Documentation),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressKind Kind)[] V6Ranges =
    [
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressKind.Private),
        (IPNetwork.Parse("100::/64"), AddressKind.Reserved),
        (IPNetwork.Parse("2001:2::/48"), AddressKind.Benchmarking),
        (IPNetwork.Parse("2001:db8::/32"), AddressKind.Documentation),
        // Teredo tunnels embed an obfuscated client address that cannot be judged; no news site needs one.
        (IPNetwork.Parse("2001::/32"), AddressKind.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressKind.Private),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressKind.Private),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
    ];

    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var effective = EffectiveAddress(address);
        var ranges = effective.AddressFamily == AddressFamily.InterNetwork ? V4Ranges : V6Ranges;
        foreach (var (network, kind) in ranges)
        {
            if (network.Contains(effective))
            {
                return kind;
            }
        }

        // Outside 2000::/3 nothing is assigned for global unicast; treat it as not a public destination.
        return effective.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicast.Contains(effective)
            ? AddressKind.Reserved
            : AddressKind.Public;
    }

    /// <summary>The address packets really go to: the embedded IPv4 address of an IPv6 transition form, else the address itself.</summary>
    public static IPAddress EffectiveAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || (V4Compatible.Contains(address) && !IsUnspecifiedOrLoopback(address)))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }

        return address;
    }

    /// <summary>"a loopback address", for messages.</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "a public address",
        AddressKind.Loopback => "a loopback address",
        AddressKind.Private => "a private address",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.SharedAddressSpace => "a shared (carrier-grade NAT) address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Unspecified => "an unspecified address",
        AddressKind.Broadcast => "the broadcast address",
        AddressKind.Reserved => "a reserved address",
        AddressKind.Benchmarking => "a benchmarking address",
        AddressKind.Documentation => "a documentation address",
        _ => "an unknown kind of address",
    };

    private static bool IsUnspecifiedOrLoopback(IPAddress address)
        => address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback);
}

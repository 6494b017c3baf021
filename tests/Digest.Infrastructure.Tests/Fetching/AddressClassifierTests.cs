using System.Net;
using Digest.Infrastructure.Fetching;

namespace Digest.Infrastructure.Tests.Fetching;

public sealed class AddressClassifierTests
{
    [Theory]
    // IPv4 special-purpose ranges, at their edges.
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("10.0.0.0", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)] // cloud metadata
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.255", AddressKind.Multicast)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Benchmarking)]
    [InlineData("198.19.255.255", AddressKind.Benchmarking)]
    [InlineData("192.0.2.10", AddressKind.Documentation)]
    [InlineData("198.51.100.10", AddressKind.Documentation)]
    [InlineData("203.0.113.10", AddressKind.Documentation)]
    // Public IPv4, including neighbours of the ranges above.
    [InlineData("93.184.215.14", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("172.15.255.255", AddressKind.Public)]
    [InlineData("172.32.0.0", AddressKind.Public)]
    [InlineData("100.63.255.255", AddressKind.Public)]
    [InlineData("100.128.0.0", AddressKind.Public)]
    [InlineData("11.0.0.1", AddressKind.Public)]
    [InlineData("198.20.0.1", AddressKind.Public)]
    [InlineData("223.255.255.255", AddressKind.Public)]
    // IPv6.
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("2001:db8::1", AddressKind.Documentation)]
    [InlineData("2001:2::1", AddressKind.Benchmarking)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressKind.Reserved)] // Teredo
    [InlineData("100::1", AddressKind.Reserved)]
    [InlineData("4000::1", AddressKind.Reserved)] // outside 2000::/3
    [InlineData("64:ff9b:1::a00:1", AddressKind.Private)]
    [InlineData("2606:4700::6810:84e5", AddressKind.Public)]
    [InlineData("2a00:1450:4001::200e", AddressKind.Public)]
    // IPv6 forms that carry IPv4 are judged by the IPv4 address.
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    [InlineData("::127.0.0.1", AddressKind.Loopback)] // IPv4-compatible (deprecated)
    [InlineData("::10.0.0.1", AddressKind.Private)]
    [InlineData("64:ff9b::127.0.0.1", AddressKind.Loopback)] // NAT64
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)]
    [InlineData("64:ff9b::808:808", AddressKind.Public)]
    [InlineData("2002:7f00:1::1", AddressKind.Loopback)] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1", AddressKind.Private)] // 6to4 of 192.168.1.1
    [InlineData("2002:808:808::1", AddressKind.Public)]
    public void Classifies_by_the_special_purpose_registries(string address, AddressKind expected)
    {
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1")]
    [InlineData("64:ff9b::a00:1", "10.0.0.1")]
    [InlineData("2002:c0a8:101::1", "192.168.1.1")]
    [InlineData("2606:4700::6810:84e5", "2606:4700::6810:84e5")]
    [InlineData("8.8.8.8", "8.8.8.8")]
    public void Effective_address_unwraps_ipv4_in_ipv6(string address, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), AddressClassifier.EffectiveAddress(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.2", null, null, false, "a loopback address")]
    [InlineData("127.0.0.2", null, "127.0.0.0/8", false, null)]
    [InlineData("10.1.2.3", null, "10.0.0.0/8", false, null)]
    [InlineData("10.1.2.3", null, "192.168.0.0/16", false, "a private address")]
    [InlineData("::ffff:10.1.2.3", null, "10.0.0.0/8", false, null)]
    [InlineData("::ffff:127.0.0.1", null, null, false, "a loopback address (it leads to IPv4 127.0.0.1)")]
    [InlineData("169.254.169.254", null, null, true, null)]
    [InlineData("8.8.8.8", null, null, false, null)]
    public void Policy_allows_public_addresses_and_the_operators_networks(
        string address, string? allowedHost, string? allowedNetwork, bool allowAll, string? expectedRefusal)
    {
        var policy = new DestinationPolicy(FetchOptions.Default with
        {
            AllowedHosts = allowedHost is null ? [] : [allowedHost],
            AllowedNetworks = allowedNetwork is null ? [] : [allowedNetwork],
            AllowPrivateAddresses = allowAll,
        });

        Assert.Equal(expectedRefusal, policy.WhyRefused(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("Intranet.Example", "intranet.example", true)]
    [InlineData("intranet.example", "INTRANET.EXAMPLE.", true)]
    [InlineData("[::1]", "::1", true)]
    [InlineData("::1", "[::1]", true)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("intranet.example", "evil.example", false)]
    public void Allowed_hosts_compare_case_insensitively_and_ignore_brackets(string allowed, string host, bool expected)
    {
        var policy = new DestinationPolicy(FetchOptions.Default with { AllowedHosts = [allowed] });

        Assert.Equal(expected, policy.IsAllowedHost(host));
    }

    [Fact]
    public void For_sources_allows_the_hosts_of_http_sources_only()
    {
        var options = FetchOptions.ForSources([
            new Uri("http://Intranet.Example:8080/feed.xml"),
            new Uri("https://news.example/rss"),
            new Uri("https://intranet.example/other"),
            new Uri("file:///srv/feeds/local.xml"),
        ]);

        Assert.Equal(["intranet.example", "news.example"], options.AllowedHosts.Select(h => h.ToLowerInvariant()));
        Assert.False(options.AllowPrivateAddresses);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not-a-network")]
    public void Malformed_allowed_networks_fail_validation(string network)
    {
        var options = FetchOptions.Default with { AllowedNetworks = [network] };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}

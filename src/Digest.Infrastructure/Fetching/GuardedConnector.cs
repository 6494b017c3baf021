using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Digest.Infrastructure.Fetching;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of <see cref="HttpPageFetcher"/>: resolves the host once, keeps
/// only the addresses <see cref="DestinationPolicy"/> permits and connects to exactly those. Checking here rather
/// than on the URL covers every way a hostile feed can aim a request: redirects, odd spellings of an address
/// (<c>2130706433</c>, <c>0x7f000001</c>, <c>[::ffff:127.0.0.1]</c>) and DNS names that resolve (or re-resolve) to an
/// internal address, because the address checked is the address connected to.
/// </summary>
internal sealed class GuardedConnector(
    DestinationPolicy policy,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve = resolve ?? Dns.GetHostAddressesAsync;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // An IPv6 literal arrives in brackets, as in the URL.
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolve(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{host} has no addresses.");
        }

        IPAddress[] permitted;
        if (policy.IsAllowedHost(host))
        {
            permitted = addresses;
        }
        else
        {
            // A name with one public and one internal address is a rebinding trick or a misconfiguration; either way
            // only the public ones are used.
            permitted = [.. addresses.Where(address => policy.WhyRefused(address) is null)];
            if (permitted.Length == 0)
            {
                throw new DestinationRefusedException(host, addresses[0], policy.WhyRefused(addresses[0])!);
            }
        }

        // A dual-mode socket reaches IPv4 and IPv6 addresses alike.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A destination the address policy does not permit. Never retried: asking again gets the same answer.</summary>
public sealed class DestinationRefusedException : Exception
{
    public DestinationRefusedException()
    {
    }

    public DestinationRefusedException(string message) : base(message)
    {
    }

    public DestinationRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DestinationRefusedException(string host, IPAddress address, string reason)
        : base(Describe(host, address, reason))
    {
    }

    private static string Describe(string host, IPAddress address, string reason)
    {
        var what = IPAddress.TryParse(host, out _) ? host : $"{host} ({address})";
        return $"{what} is {reason}; allow it with FetchOptions.AllowedHosts, AllowedNetworks or AllowPrivateAddresses";
    }
}

using System.Net;
using System.Net.Sockets;

namespace Portal.Domain.Webhooks;

/// <summary>
/// Server-side request forgery guard: the addresses a webhook may never be sent to unless an Admin allow-lists the host,
/// because they reach the portal's own machine, its private network or the cloud metadata service (169.254.169.254).
/// </summary>
public static class TargetAddressPolicy
{
    private static readonly (IPAddress Network, int Prefix)[] Forbidden =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network"; 0.0.0.0 reaches the local machine
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT, private in practice
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, the metadata service
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
        (IPAddress.Parse("::"), 128),           // unspecified
        (IPAddress.Parse("::1"), 128),          // loopback
        (IPAddress.Parse("fc00::"), 7),         // unique-local
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    /// <summary>Why the address is refused, or null when a webhook may be sent to it.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var hit = Forbidden.FirstOrDefault(range => range.Network.AddressFamily == address.AddressFamily && InRange(address, range.Network, range.Prefix));
        return hit.Network is null ? null : $"{address} is a private, loopback, link-local or reserved address ({hit.Network}/{hit.Prefix})";
    }

    /// <summary>Whether the Admin allow-list names the host (a name or an address, compared without case).</summary>
    public static bool IsAllowListed(string host, IEnumerable<string> allowedHosts) =>
        allowedHosts.Any(allowed => string.Equals(allowed.Trim().Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        var bytes = address.GetAddressBytes();
        var networkBytes = network.GetAddressBytes();
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & mask) != (networkBytes[bit / 8] & mask))
            {
                return false;
            }
        }
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Portal.Domain.Webhooks;

namespace Portal.Web.Features.Webhooks;

/// <summary>Resolves a host name; replaceable in tests to play a DNS answer that changes between the check and the send.</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>
/// Refuses targets that reach private, loopback or link-local addresses, unless <c>Webhooks:AllowedHosts</c> names the host: when an
/// Admin subscribes, and again at every connection (the address actually connected to is the one checked, so a DNS answer that
/// changes after the subscription cannot redirect a delivery inside the network).
/// </summary>
public sealed class WebhookTargetGuard(IOptionsMonitor<WebhookOptions> options, IWebhookHostResolver resolver)
{
    /// <summary>Why the URL may not receive webhooks, or null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return "The target must be an http or https URL.";
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "The target URL must not carry a user name or password; the signature authenticates the portal.";
        }
        try
        {
            var addresses = await AddressesAsync(url.IdnHost, cancellationToken);
            return addresses is null ? null : Refusal(url.IdnHost, addresses);
        }
        catch (SocketException)
        {
            return $"The host {url.IdnHost} does not resolve.";
        }
    }

    /// <summary>The connection callback of the sending handler: connects only to an address the policy allows.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!IsAllowListed(host) && Refusal(host, addresses) is { } refusal)
        {
            throw new HttpRequestException($"Refused to connect: {refusal}");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses to check: null when the host is allow-listed (nothing to check).</summary>
    private async Task<IPAddress[]?> AddressesAsync(string host, CancellationToken cancellationToken) =>
        IsAllowListed(host) ? null : await ResolveAsync(host, cancellationToken);

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);

    private bool IsAllowListed(string host) => TargetAddressPolicy.IsAllowListed(host, options.CurrentValue.AllowedHosts);

    private static string? Refusal(string host, IPAddress[] addresses)
    {
        if (addresses.Length == 0)
        {
            return $"The host {host} does not resolve.";
        }
        var refused = addresses.Select(TargetAddressPolicy.Refusal).FirstOrDefault(r => r is not null);
        return refused is null ? null : $"{host} resolves to {refused}. Ask for the host to be added to Webhooks:AllowedHosts if it is meant.";
    }
}

using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Portal.TestIdentityProvider;

/// <summary>
/// Keeps Data Protection keys (cookies, antiforgery) in memory: nothing is written to ~/.aspnet, and a session
/// cookie from another provider instance on the same host name (cookies ignore ports) simply fails to decrypt.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly List<XElement> elements = [];
    private readonly Lock gate = new();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (gate)
        {
            return [.. elements.Select(element => new XElement(element))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (gate)
        {
            elements.Add(new XElement(element));
        }
    }
}

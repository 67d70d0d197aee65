namespace Portal.EndToEndTests.Infrastructure;

/// <summary>Where a browser finds the portal and the identity provider it signs in at: what the shared page steps need.</summary>
public interface IPortalSite
{
    /// <summary>The address people type, without a trailing slash, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    string PortalUrl { get; }

    /// <summary>The provider's issuer with a trailing slash, e.g. <c>http://127.0.0.1:5124/</c>.</summary>
    string Issuer { get; }
}

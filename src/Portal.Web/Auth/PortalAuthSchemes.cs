namespace Portal.Web.Auth;

public static class PortalAuthSchemes
{
    public const string Cookie = "portal-cookie";
    public const string Oidc = "oidc";
    public const string Jwt = "jwt";
    public const string ServiceToken = "service-token";

    /// <summary>The API's scheme: forwards to the service-token or the JWT handler by the token's shape.</summary>
    public const string Bearer = "Bearer";

    /// <summary>Policy for every page: signed in and holding at least one portal role.</summary>
    public const string PortalUserPolicy = "PortalUser";
}

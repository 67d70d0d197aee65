using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Web.Auth;

/// <summary>
/// Where the portal may send a browser after signing in: only its own pages. The framework's check refuses
/// <c>//host</c>, <c>/\host</c>, absolute URLs and control characters (a browser drops a tab in <c>/&#9;/host</c>).
/// </summary>
public static class ReturnUrls
{
    public static string LocalOrRoot(string? returnUrl) => RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}

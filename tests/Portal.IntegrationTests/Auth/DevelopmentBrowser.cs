using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.IntegrationTests.Auth;

/// <summary>A browser on the development sign-in: keeps its cookies, follows no redirects.</summary>
internal sealed partial class DevelopmentBrowser(HttpClient http)
{
    public HttpClient Http => http;

    public static DevelopmentBrowser Open<T>(WebApplicationFactory<T> portal, bool handleCookies = true) where T : class =>
        new(portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies }));

    public async Task<string> AntiforgeryTokenAsync() => AntiforgeryField().Match(await http.GetStringAsync("/account/login")).Groups[1].Value;

    public async Task<HttpResponseMessage> SignInAsync(string subject, string? returnUrl = null)
    {
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(), ["subject"] = subject };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }
        var response = await http.PostAsync("/account/dev-signin", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>The session cookie a sign-in set, as a <c>Cookie</c> header someone could copy.</summary>
    public static string SessionCookie(HttpResponseMessage signIn) =>
        string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("portal.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));

    public Task<HttpResponseMessage> SignOutAsync(string? antiforgeryToken) =>
        http.PostAsync("/account/logout", new FormUrlEncodedContent(antiforgeryToken is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgeryToken }));

    /// <summary>Whether a page that needs a signed-in person opens (200) rather than sending to the login page.</summary>
    public async Task<bool> IsSignedInAsync()
    {
        var response = await http.GetAsync("/models");
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        return false;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

using System.Net;
using System.Text.RegularExpressions;

namespace Portal.LoadTests;

/// <summary>A person signed in through the development sign-in: the cookie header their browser would send.</summary>
internal sealed partial class PortalSession(Uri portal, string cookieHeader)
{
    public Uri Portal => portal;

    public string CookieHeader => cookieHeader;

    /// <summary>Signs in as a demo user the way the login page's form does (antiforgery token and cookie, then the POST).</summary>
    public static async Task<PortalSession> SignInAsync(Uri portal, string subject, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = portal };
        var login = await http.GetStringAsync("account/login", cancellationToken);
        var token = AntiforgeryField().Match(login);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no development sign-in form: start the portal in Development without an identity provider.");
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["subject"] = subject,
        });
        using var signIn = await http.PostAsync("account/dev-signin", form, cancellationToken);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The development sign-in of {subject} answered {(int)signIn.StatusCode}.");
        }
        return new PortalSession(portal, cookies.GetCookieHeader(portal));
    }

    /// <summary>The prerendered page, as a browser's first request gets it.</summary>
    public async Task<string> GetPageAsync(HttpClient http, string relativeUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(portal, relativeUri));
        request.Headers.Add("Cookie", cookieHeader);
        request.Headers.Add("Accept", "text/html");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {relativeUri} answered {(int)response.StatusCode}; the session is not signed in or the page is missing.");
        }
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

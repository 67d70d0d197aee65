using System.Net;
using System.Text.RegularExpressions;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Releases;

/// <summary>Without an identity provider, re-authenticating to sign means signing in again on the login page (which sets a new auth_time).</summary>
public sealed partial class DevelopmentReauthenticationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Reauthenticating_with_the_development_sign_in_goes_to_the_login_page_and_back_to_the_request()
    {
        var client = portal.ClientAs(null);
        var token = AntiforgeryField().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        var signIn = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = "demo-rita",
            ["returnUrl"] = "/releases",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await client.GetAsync("/account/reauthenticate?returnUrl=%2Freleases%2F5");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?reauthenticate=true&returnUrl=%2Freleases%2F5", response.Headers.Location?.OriginalString);
        Assert.Contains("Sign in again to sign release request #5; you return to it afterwards.",
            await client.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var offsite = await client.GetAsync("/account/reauthenticate?returnUrl=https%3A%2F%2Fevil.example");
        Assert.Equal("/account/login?reauthenticate=true&returnUrl=%2F", offsite.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

using System.Net;
using System.Text.RegularExpressions;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

public sealed partial class DevelopmentSignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_is_recorded_in_the_user_directory()
    {
        var client = portal.ClientAs(null);
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);

        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = "demo-mona",
            ["returnUrl"] = "/models",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/models", response.Headers.Location?.OriginalString);

        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name || '|' || Roles || '|' || IsActive FROM Users WHERE Subject = 'demo-mona' AND LastSignInAt IS NOT NULL";
        Assert.Equal("Mona Manager|Manager|1", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        var response = await portal.ClientAs(null).PostAsync("/account/dev-signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["subject"] = "demo-alice" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_open_redirect_is_not_possible_through_the_return_address()
    {
        var client = portal.ClientAs(null);
        var token = AntiforgeryField().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = "demo-eric",
            ["returnUrl"] = "//evil.example/phish",
        }));
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

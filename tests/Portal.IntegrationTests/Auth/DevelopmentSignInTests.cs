using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.Auth;

[Trait("Category", TestEngine.SqliteOnly)]
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
    public async Task A_person_deactivated_by_an_admin_loses_access_at_the_next_request_and_signs_in_without_roles()
    {
        var client = portal.ClientAs(null);
        await SignInAsync(client, "demo-eric");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/models")).StatusCode);

        var admin = new Actor("demo-alice", "Alice Admin", new HashSet<string> { PortalRoles.Admin });
        var users = portal.Services.GetRequiredService<UserAdminService>();
        var eric = (await users.ListAsync(admin)).Single(u => u.Subject == "demo-eric");
        await users.SetActiveAsync(admin, "demo-eric", active: false, eric.Revision);

        var afterDeactivation = await client.GetAsync("/models");
        Assert.Equal(HttpStatusCode.Redirect, afterDeactivation.StatusCode);
        Assert.StartsWith("/account/login", afterDeactivation.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var signInAgain = await SignInAsync(client, "demo-eric");
        Assert.StartsWith("/account/login?error=", signInAgain.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/models")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves()
    {
        _ = portal.Server;
        var admin = new Actor("demo-self", "Self Admin", new HashSet<string> { PortalRoles.Admin });
        var users = portal.Services.GetRequiredService<UserAdminService>();
        await Assert.ThrowsAsync<InputRejectedException>(() => users.SetActiveAsync(admin, "demo-self", active: false, expectedRevision: 1));
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
            ["subject"] = "demo-rita",
            ["returnUrl"] = "//evil.example/phish",
        }));
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string subject)
    {
        var token = AntiforgeryField().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        var response = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = subject,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

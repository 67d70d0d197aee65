using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Scim.ScimClient;

namespace Portal.IntegrationTests.Scim;

/// <summary>Who may provision, what the trail says, and what a SCIM deactivation does to a person's session.</summary>
public sealed partial class ScimAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_a_token_the_answer_is_a_scim_401_with_a_bearer_challenge()
    {
        var response = await new ScimClient(portal, role: null).SendAsync(HttpMethod.Get, Users);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("401", (await JsonOf(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_too()
    {
        var client = new ScimClient(portal, role: null);
        client.Http.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, Users, NewUser(Unique("x")))).StatusCode);
    }

    [Theory]
    [InlineData(PortalRoles.Engineer)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Auditor)]
    public async Task A_token_without_the_Admin_role_is_a_scim_403_and_the_denial_is_audited(string role)
    {
        var client = new ScimClient(portal, role);

        var response = await client.SendAsync(HttpMethod.Post, Users, NewUser(Unique("denied")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal("403", error.GetProperty("status").GetString());
        Assert.Contains("Admin", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await Db();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "Access.Denied" && a.ActorId == $"service:test-{role.ToLowerInvariant()}"
            && a.EntityId == nameof(Permission.ManageUsers)));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, Users)).StatusCode);
    }

    [Fact]
    public async Task Every_change_is_audited_against_the_service_token()
    {
        var scim = new ScimClient(portal);
        var userName = Unique("audited");
        var subject = $"sub-{userName}";
        var created = await scim.CreateAsync(userName, externalId: subject);
        var url = $"{Users}/{Id(created)}";
        var replaced = (Dictionary<string, object?>)NewUser(userName, subject);
        replaced["displayName"] = "Grace B. Hopper";
        await scim.SendAsync(HttpMethod.Put, url, replaced);
        await scim.SendAsync(HttpMethod.Put, url, replaced); // unchanged: not a change, not audited
        await scim.SendAsync(HttpMethod.Patch, url, Patch(new { op = "replace", value = new { active = false } }));
        await scim.SendAsync(HttpMethod.Delete, url);

        await using var db = await Db();
        var trail = await db.AuditEvents.Where(a => a.EntityType == "User" && a.EntityId == subject).OrderBy(a => a.Sequence)
            .Select(a => new { a.Action, a.ActorId }).ToListAsync();
        Assert.Equal(["User.Provisioned", "User.ProfileChanged", "User.Deactivated", "User.Deprovisioned"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("service:test-admin", a.ActorId));
    }

    [Fact]
    public async Task A_person_deactivated_over_scim_loses_the_session_and_cannot_sign_in_again()
    {
        var browser = portal.ClientAs(null);
        await SignInAsync(browser, "demo-eric");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/models")).StatusCode);

        // Entra ID first looks the person up, then provisions them with their subject as externalId: the account is taken over.
        var scim = new ScimClient(portal);
        var lookup = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString("userName eq \"eric@example.test\"")}"));
        var id = Id(lookup.GetProperty("Resources")[0]);
        var patched = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{id}", Patch(new { op = "Replace", value = new { active = "False" } }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var next = await browser.GetAsync("/models");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var again = await SignInAsync(browser, "demo-eric");
        Assert.StartsWith("/account/login?error=", again.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provisioned_account_without_externalId_is_linked_at_the_first_sign_in_by_email()
    {
        var scim = new ScimClient(portal);
        var created = await scim.CreateAsync("audrey@example.test");

        await SignInAsync(portal.ClientAs(null), "demo-audrey");

        await using var db = await Db();
        var audrey = await db.Users.SingleAsync(u => u.UserName == "audrey@example.test");
        Assert.Equal("demo-audrey", audrey.Subject);
        Assert.Equal(int.Parse(Id(created), System.Globalization.CultureInfo.InvariantCulture), audrey.Id);
        Assert.Single(await db.Users.Where(u => u.Email == "audrey@example.test").ToListAsync());
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "User.Linked" && a.EntityId == "demo-audrey"));
    }

    [Fact]
    public async Task Deactivation_over_scim_and_by_hand_is_published_to_lifecycle_listeners()
    {
        var listener = new RecordingListener();
        using var observed = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IUserLifecycleListener>(listener)));
        var http = observed.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", PortalFactory.TokenFor(PortalRoles.Admin));
        var userName = Unique("listened");
        var create = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Users)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(NewUser(userName, $"sub-{userName}")), System.Text.Encoding.UTF8, "application/scim+json"),
        });
        var id = Id(await JsonOf(create));

        await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{Users}/{id}")
        {
            Content = new StringContent("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}""",
                System.Text.Encoding.UTF8, "application/scim+json"),
        });

        var overScim = Assert.Single(listener.Received);
        Assert.Equal($"sub-{userName}", overScim.Subject);
        Assert.Equal("test-admin", overScim.DeactivatedBy);

        var admin = new Actor("listener-admin", "Listener Admin", new HashSet<string> { PortalRoles.Admin });
        await observed.Services.GetRequiredService<Portal.Web.Auth.UserDirectoryService>()
            .RecordSignInAsync("listened-by-hand", "By Hand", null, new HashSet<string>());
        await observed.Services.GetRequiredService<Portal.Web.Features.Admin.UserAdminService>()
            .SetActiveAsync(admin, "listened-by-hand", active: false, expectedRevision: 1, reason: "Left the company");

        Assert.Equal(2, listener.Received.Count);
        Assert.Equal(("listened-by-hand", "Listener Admin", "Left the company"),
            (listener.Received[1].Subject, listener.Received[1].DeactivatedBy, listener.Received[1].Reason));
    }

    private sealed class RecordingListener : IUserLifecycleListener
    {
        public List<UserDeactivated> Received { get; } = [];

        public Task OnUserDeactivatedAsync(UserDeactivated deactivated, CancellationToken cancellationToken)
        {
            Received.Add(deactivated);
            return Task.CompletedTask;
        }
    }

    private async Task<PortalDbContext> Db() =>
        await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

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

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Admin;

namespace Portal.IntegrationTests.Ownership;

/// <summary>Arranges people, teams and models for ownership tests through the portal's own paths.</summary>
internal sealed class OwnershipArrange(PortalFactory portal)
{
    /// <summary>The subject the static Manager token authenticates as.</summary>
    public const string ManagerSubject = "service:test-manager";

    public static readonly Actor Admin = new("arranger-admin", "Arranger Admin", new HashSet<string> { PortalRoles.Admin });

    public HttpClient AdminClient { get; } = portal.ClientAs(PortalRoles.Admin);

    /// <summary>A person enters the directory at their first sign-in; this records one, as the sign-in does.</summary>
    public async Task<string> PersonAsync(string subject, string? name = null)
    {
        await portal.Services.GetRequiredService<UserDirectoryService>()
            .RecordSignInAsync(subject, name ?? subject, $"{subject}@example.test", new HashSet<string>());
        return subject;
    }

    public async Task DeactivateAsync(string subject)
    {
        var users = portal.Services.GetRequiredService<UserAdminService>();
        var user = (await users.ListAsync(Admin)).Single(u => u.Subject == subject);
        await users.SetActiveAsync(Admin, subject, false, user.Revision);
    }

    /// <summary>Creates a team through the API as an Admin, with the static Manager token's subject as its manager.</summary>
    public async Task TeamManagedByTestManagerAsync(string team)
    {
        await PersonAsync(ManagerSubject, "test-manager");
        (await AdminClient.PostJsonAsync("/api/v1/teams", new { name = team })).EnsureSuccessStatusCode();
        (await AdminClient.PutJsonAsync($"/api/v1/teams/{Uri.EscapeDataString(team)}/members/{Uri.EscapeDataString(ManagerSubject)}",
            new { isManager = true, revision = 1 })).EnsureSuccessStatusCode();
    }

    public async Task ModelAsync(string key, string team) =>
        (await AdminClient.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key, team))).EnsureSuccessStatusCode();

    public async Task AssignAsync(string key, string subject, string role, string reason = "Arranged")
    {
        var response = await AdminClient.PostJsonAsync($"/api/v1/models/{key}/owners", new { ownerSubject = subject, role, reason });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> OwnersAsync(string key) =>
        await (await AdminClient.GetAsync($"/api/v1/models/{key}/owners")).Content.ReadFromJsonAsync<JsonElement>(HttpJson.Options);

    public async Task<int> CountDenialsAsync(string actorId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(a => a.Action == "Access.Denied" && a.ActorId == actorId && a.EntityId == nameof(Permission.AssignOwners));
    }

    public async Task<string?> LastDenialAsync(string actorId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(a => a.Action == "Access.Denied" && a.ActorId == actorId)
            .OrderByDescending(a => a.Sequence).Select(a => a.After).FirstAsync();
    }

    public static string[] Subjects(JsonElement owners, string list) =>
        [.. owners.GetProperty(list).EnumerateArray().Select(o => $"{o.GetProperty("ownerSubject").GetString()}:{o.GetProperty("role").GetString()}")];
}

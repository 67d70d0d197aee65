using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Web.Auth;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>What a CI pipeline does: get a client-credentials JWT from the identity provider, then call the portal's API with it.</summary>
public static class PipelineClient
{
    public const string ClientId = "ci-pipeline";
    public const string ClientSecret = "ci-secret";

    public static async Task<string> GetAccessTokenAsync(PortalEnvironment environment)
    {
        using var client = environment.IdentityProvider.CreateClient();
        using var response = await client.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["scope"] = "portal-api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The token request failed with {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("The token response has no access_token.");
    }

    /// <summary>An HttpClient for the portal's API that sends the pipeline's bearer token.</summary>
    public static async Task<HttpClient> CreateAuthenticatedClientAsync(PortalEnvironment environment)
    {
        var client = environment.CreatePortalClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetAccessTokenAsync(environment));
        return client;
    }

    private static readonly Actor Admin = new("e2e-admin", "E2E Admin", new HashSet<string> { PortalRoles.Admin });

    /// <summary>
    /// Registers a model through the API as the pipeline and returns the response body. The pipeline writes only on its
    /// teams' models, so an Admin first makes it a member of <paramref name="team"/>.
    /// </summary>
    public static async Task<JsonElement> RegisterModelAsync(PortalEnvironment environment, string key, string name, string team)
    {
        await JoinTeamAsync(environment, team, ClientId, ClientId, PortalRoles.Engineer);
        using var client = await CreateAuthenticatedClientAsync(environment);
        using var response = await client.PostAsJsonAsync("api/v1/models", new
        {
            key,
            name,
            team,
            riskTier = "Low",
            status = "Development",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Registering {key} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>As an Admin would: records the person in the directory and makes them a member of the team (created when missing).</summary>
    public static async Task JoinTeamAsync(PortalEnvironment environment, string team, string subject, string name, string role)
    {
        var services = environment.Portal.Services;
        await services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(subject, name, null, new HashSet<string> { role });
        var teams = services.GetRequiredService<TeamService>();
        TeamView view;
        try
        {
            view = await teams.GetAsync(Admin, team);
        }
        catch (NotFoundException)
        {
            view = await teams.CreateAsync(Admin, team, "Arranged by the end-to-end tests");
        }
        if (view.Members.All(m => m.Subject != subject))
        {
            await teams.SetMemberAsync(Admin, team, subject, isManager: false, view.Revision);
        }
    }

    /// <summary>A model key no other test or run uses.</summary>
    public static string UniqueKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

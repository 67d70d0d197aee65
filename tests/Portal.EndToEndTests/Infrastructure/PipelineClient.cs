using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

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

    /// <summary>Registers a model through the API as the pipeline and returns the response body.</summary>
    public static async Task<JsonElement> RegisterModelAsync(PortalEnvironment environment, string key, string name, string team)
    {
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

    /// <summary>A model key no other test or run uses.</summary>
    public static string UniqueKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

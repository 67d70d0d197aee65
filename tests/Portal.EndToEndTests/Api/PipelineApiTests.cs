using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.EndToEndTests.Infrastructure;

namespace Portal.EndToEndTests.Api;

/// <summary>A pipeline calling the portal's API with a client-credentials JWT from the identity provider.</summary>
[Collection(PortalCollection.Name)]
public sealed class PipelineApiTests(PortalEnvironment environment)
{
    [Fact]
    public async Task A_pipeline_with_a_client_credentials_token_registers_and_reads_a_model()
    {
        var key = PipelineClient.UniqueKey("e2e-api");
        var created = await PipelineClient.RegisterModelAsync(environment, key, "Demand forecast " + key, "Supply Chain");
        Assert.Equal(key, created.GetProperty("key").GetString(), ignoreCase: true);

        using var client = await PipelineClient.CreateAuthenticatedClientAsync(environment);
        using var response = await client.GetAsync($"api/v1/models/{Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var model = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(key, model.GetProperty("key").GetString(), ignoreCase: true);
        Assert.Equal("Demand forecast " + key, model.GetProperty("name").GetString());
        Assert.Equal("Supply Chain", model.GetProperty("team").GetString());
        Assert.Equal("Low", model.GetProperty("riskTier").GetString());
        Assert.Equal("Development", model.GetProperty("status").GetString());
        Assert.Equal(0, model.GetProperty("tags").GetArrayLength());
        // The pipeline is recorded as the registrant under the name its token carries.
        Assert.Equal(PipelineClient.ClientId, model.GetProperty("registeredBy").GetString());

        // Without a token the same calls are refused.
        using var anonymous = environment.CreatePortalClient();
        using var anonymousRead = await anonymous.GetAsync($"api/v1/models/{Uri.EscapeDataString(key)}");
        using var anonymousList = await anonymous.GetAsync("api/v1/models");
        using var anonymousCreate = await anonymous.PostAsJsonAsync("api/v1/models",
            new { key = PipelineClient.UniqueKey("e2e-anon"), name = "Anonymous", team = "Nobody" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
    }

    [Fact]
    public async Task A_token_that_is_not_signed_by_the_identity_provider_is_refused()
    {
        var token = await PipelineClient.GetAccessTokenAsync(environment);
        var parts = token.Split('.');
        // Same header and claims, someone else's signature.
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        using var client = environment.CreatePortalClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        using var response = await client.GetAsync("api/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

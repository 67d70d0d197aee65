using System.Text;
using System.Text.Json;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Scim;

/// <summary>Talks to /scim/v2 the way an identity provider does: application/scim+json bodies and a bearer token.</summary>
internal sealed class ScimClient(PortalFactory portal, string? role = PortalRoles.Admin)
{
    public const string Users = "/scim/v2/Users";

    public HttpClient Http { get; } = portal.ClientAs(role);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/scim+json");
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return Http.SendAsync(request);
    }

    public async Task<JsonElement> CreateAsync(string userName, string? externalId = null, bool active = true)
    {
        var response = await SendAsync(HttpMethod.Post, Users, NewUser(userName, externalId, active));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await JsonOf(response);
    }

    public static object NewUser(string userName, string? externalId = null, bool active = true) => new Dictionary<string, object?>
    {
        ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" },
        ["userName"] = userName,
        ["externalId"] = externalId,
        ["name"] = new { givenName = "Grace", familyName = "Hopper", formatted = "Grace Hopper" },
        ["displayName"] = "Grace Hopper",
        ["emails"] = new object[] { new { value = "other@example.test", type = "home" }, new { value = userName, type = "work", primary = true } },
        ["active"] = active,
    };

    public static object Patch(params object[] operations) => new
    {
        schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:PatchOp" },
        Operations = operations,
    };

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static string Id(JsonElement user) => user.GetProperty("id").GetString()!;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)] + "@example.test";
}

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.ModelCards;

namespace Portal.IntegrationTests.ModelCards;

internal static class CardRequests
{
    public static string Words(int count, string word = "word") => string.Join(" ", Enumerable.Range(1, count).Select(i => $"{word}{i}"));

    public static Task<HttpResponseMessage> PutSectionAsync(this HttpClient client, string key, string section, int revision, string markdown,
        string summary = "Edited", string? title = null, string? versionLabel = null) =>
        client.PutJsonAsync($"/api/v1/models/{key}/card/sections/{section}",
            new { revision, markdown, changeSummary = summary, title, versionLabel });

    public static async Task<JsonElement> CardAsync(this HttpClient client, string key, int? revision = null) =>
        await (await client.GetAsync($"/api/v1/models/{key}/card" + (revision is null ? "" : $"?revision={revision}"))).ReadJsonAsync();

    /// <summary>Writes every section a Low-tier card needs, as the Engineer token (a member of the model's team), and returns the revision.</summary>
    public static async Task<int> CompleteLowCardAsync(this ReleasePortal portal, string key)
    {
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        var first = await engineer.PutSectionAsync(key, "model-details", 0, Words(25), "Details");
        first.EnsureSuccessStatusCode();
        var second = await engineer.PutSectionAsync(key, "intended-use", 1, Words(25), "Intended use");
        second.EnsureSuccessStatusCode();
        return (await second.ReadJsonAsync()).GetProperty("revision").GetInt32();
    }

    public static ModelCardService Cards(this ReleasePortal portal) => portal.App.Services.GetRequiredService<ModelCardService>();
}

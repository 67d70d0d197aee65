using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Audit;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Versions.VersionRequests;

namespace Portal.IntegrationTests.Documents;

/// <summary>Calls a pipeline or a person makes to attach, read and withdraw documents, and what the tests check behind the API.</summary>
internal static class DocumentRequests
{
    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A model in <paramref name="team"/> registered by an Admin, with versions.</summary>
    public static async Task<string> ModelAsync(this PortalFactory portal, string prefix, string team = "Credit Risk", params string[] labels)
    {
        var key = NewKey(prefix);
        var admin = portal.ClientAs(Domain.Access.PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key, team))).EnsureSuccessStatusCode();
        foreach (var label in labels)
        {
            (await admin.PostJsonAsync($"/api/v1/models/{key}/versions", NewVersion(label))).EnsureSuccessStatusCode();
        }
        return key;
    }

    /// <summary>A multipart upload; the part's Content-Type is whatever the caller claims, which the portal ignores.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string key, byte[] bytes, string fileName, string title = "Validation report",
        string kind = "ValidationReport", string? version = null, string? description = null, string claimedType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        var form = new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(title), "title" }, { new StringContent(kind), "kind" } };
        if (version is not null)
        {
            form.Add(new StringContent(version), "version");
        }
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }
        return client.PostAsync($"/api/v1/models/{key}/documents", form);
    }

    /// <summary>Uploads and expects 201; the document's record.</summary>
    public static async Task<JsonElement> AttachAsync(this HttpClient client, string key, byte[] bytes, string fileName, string kind = "ValidationReport",
        string? version = null)
    {
        var response = await client.UploadAsync(key, bytes, fileName, kind: kind, version: version);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> ListAsync(this HttpClient client, string key, string query = "") =>
        await (await client.GetAsync($"/api/v1/models/{key}/documents{query}")).ReadJsonAsync();

    public static string ContentUrl(string key, string id) => $"/api/v1/models/{key}/documents/{id}/content";

    public static string Id(this JsonElement document) => document.GetProperty("id").GetString()!;

    /// <summary>Files the document store holds, whatever test put them there.</summary>
    public static string[] StoredFiles(this PortalFactory portal)
    {
        var folder = Path.Combine(portal.StorageRoot, "documents");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public static async Task<List<AuditEvent>> AuditAsync(this PortalFactory portal, string action, string? modelKey = null)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().Where(a => a.Action == action && (modelKey == null || a.ModelKey == modelKey)).ToListAsync();
    }

    public static async Task<int> DocumentRowsAsync(this PortalFactory portal, string modelKey)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ModelDocuments.CountAsync(d => d.ModelKey == modelKey);
    }

    public static async Task<string> DetailAsync(this HttpResponseMessage response) => (await response.ReadJsonAsync()).GetProperty("detail").GetString() ?? "";

    public static async Task<string> FieldErrorAsync(this HttpResponseMessage response, string field) =>
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString() ?? "";
}

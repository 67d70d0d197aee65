using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Documents;
using Portal.Domain.Tests.Documents;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;

namespace Portal.IntegrationTests.Documents;

/// <summary>Issue 15, documents: attach to a model or a version, list, read back byte for byte, describe, withdraw; audited and told to the owners.</summary>
public sealed class DocumentApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task A_document_downloads_byte_for_byte_with_the_sha256_recorded_at_upload()
    {
        var key = await portal.ModelAsync("doc-roundtrip");
        var bytes = DocumentSamples.Pdf();

        var document = await engineer.AttachAsync(key, bytes, "validation-q1.pdf");
        var download = await engineer.GetAsync(DocumentRequests.ContentUrl(key, document.Id()));

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha256, document.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, document.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("Pdf", document.GetProperty("fileType").GetString());
        Assert.Equal("validation-q1.pdf", document.GetProperty("fileName").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var received = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, received);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(received)));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("validation-q1.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", download.Headers.GetValues("Repr-Digest").Single());
    }

    [Fact]
    public async Task The_served_type_is_the_detected_one_never_the_claimed_one()
    {
        var key = await portal.ModelAsync("doc-served-type");

        var document = await engineer.AttachAsync(key, DocumentSamples.Csv(), "data-sheet.pdf", kind: "DataSheet");
        var download = await engineer.GetAsync(DocumentRequests.ContentUrl(key, document.Id()));

        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("data-sheet.pdf.txt", download.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task Upload_and_download_are_audited_with_the_document_id_file_name_sha256_and_size()
    {
        var key = await portal.ModelAsync("doc-audit");
        var document = await engineer.AttachAsync(key, DocumentSamples.Docx(), "risk.docx", kind: "RiskAssessment");
        var id = document.Id();

        (await portal.ClientAs(PortalRoles.Auditor).GetAsync(DocumentRequests.ContentUrl(key, id))).EnsureSuccessStatusCode();

        var uploaded = Assert.Single(await portal.AuditAsync(DocumentAuditActions.Uploaded, key));
        Assert.Equal(id, uploaded.EntityId);
        Assert.Equal("service:test-engineer", uploaded.ActorId);
        var after = JsonDocument.Parse(uploaded.After!).RootElement;
        Assert.Equal("risk.docx", after.GetProperty("FileName").GetString());
        Assert.Equal(document.GetProperty("sha256").GetString(), after.GetProperty("Sha256").GetString());
        Assert.Equal(DocumentSamples.Docx().Length, after.GetProperty("SizeBytes").GetInt64());
        var downloaded = Assert.Single(await portal.AuditAsync(DocumentAuditActions.Downloaded, key));
        Assert.Equal("service:test-auditor", downloaded.ActorId);
        var details = JsonDocument.Parse(downloaded.After!).RootElement;
        Assert.Equal(id, details.GetProperty("documentId").GetString());
        Assert.Equal("risk.docx", details.GetProperty("fileName").GetString());
        Assert.Equal(document.GetProperty("sha256").GetString(), details.GetProperty("sha256").GetString());
        Assert.Equal(DocumentSamples.Docx().Length, details.GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task The_list_filters_by_version_and_kind_and_pages()
    {
        var key = await portal.ModelAsync("doc-list", labels: ["1.0.0", "1.1.0"]);
        await engineer.AttachAsync(key, DocumentSamples.Pdf(), "model-validation.pdf");
        await engineer.AttachAsync(key, DocumentSamples.Csv(), "features.csv", kind: "DataSheet", version: "1.0.0");
        await engineer.AttachAsync(key, DocumentSamples.Xlsx(), "risk.xlsx", kind: "RiskAssessment", version: "1.0.0");

        var all = await engineer.ListAsync(key);
        var ofVersion = await engineer.ListAsync(key, "?version=1.0.0");
        var dataSheets = await engineer.ListAsync(key, "?kind=datasheet");
        var secondPage = await engineer.ListAsync(key, "?page=2&pageSize=2");
        var ofOtherVersion = await engineer.ListAsync(key, "?version=1.1.0");

        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(["risk.xlsx", "features.csv"], ofVersion.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("fileName").GetString()));
        Assert.All(ofVersion.GetProperty("items").EnumerateArray(), d => Assert.Equal("1.0.0", d.GetProperty("versionLabel").GetString()));
        Assert.Equal("features.csv", Assert.Single(dataSheets.GetProperty("items").EnumerateArray()).GetProperty("fileName").GetString());
        Assert.Equal(3, secondPage.GetProperty("totalCount").GetInt32());
        Assert.Equal("model-validation.pdf", Assert.Single(secondPage.GetProperty("items").EnumerateArray()).GetProperty("fileName").GetString());
        Assert.Equal(0, ofOtherVersion.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Metadata_changes_with_the_revision_read_and_a_stale_edit_is_a_409()
    {
        var key = await portal.ModelAsync("doc-edit", labels: ["2.0.0"]);
        var id = (await engineer.AttachAsync(key, DocumentSamples.Pdf(), "draft.pdf")).Id();

        var edited = await engineer.PutJsonAsync($"/api/v1/models/{key}/documents/{id}",
            new { title = "Validation report (final)", description = "Signed off by model validation.", kind = "ValidationReport", version = "2.0.0", revision = 1 });
        var stale = await engineer.PutJsonAsync($"/api/v1/models/{key}/documents/{id}",
            new { title = "Overwritten", kind = "Other", revision = 1 });

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var document = await (await engineer.GetAsync($"/api/v1/models/{key}/documents/{id}")).ReadJsonAsync();
        Assert.Equal("Validation report (final)", document.GetProperty("title").GetString());
        Assert.Equal("2.0.0", document.GetProperty("versionLabel").GetString());
        Assert.Equal(2, document.GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("was changed by test-engineer", await stale.DetailAsync(), StringComparison.Ordinal);
        Assert.Single(await portal.AuditAsync("Document.Updated", key));
    }

    [Fact]
    public async Task A_withdrawn_document_keeps_its_record_and_file_and_leaves_the_list()
    {
        var key = await portal.ModelAsync("doc-withdraw");
        var id = (await engineer.AttachAsync(key, DocumentSamples.Pdf(), "old.pdf")).Id();
        var files = portal.StoredFiles().Length;

        var withdrawn = await engineer.PostJsonAsync($"/api/v1/models/{key}/documents/{id}/withdraw", new { reason = "Superseded by the Q2 report." });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(0, (await engineer.ListAsync(key)).GetProperty("totalCount").GetInt32());
        var listed = Assert.Single((await engineer.ListAsync(key, "?includeWithdrawn=true")).GetProperty("items").EnumerateArray());
        Assert.True(listed.GetProperty("withdrawn").GetBoolean());
        Assert.Equal("Superseded by the Q2 report.", listed.GetProperty("withdrawalReason").GetString());
        Assert.Equal(files, portal.StoredFiles().Length);
        Assert.Single(await portal.AuditAsync("Document.Withdrawn", key));
    }

    [Fact]
    public async Task The_owners_are_told_when_someone_else_attaches_a_document()
    {
        var arrange = new OwnershipArrange(portal);
        var owner = await arrange.PersonAsync($"owner-{Guid.NewGuid():N}"[..20], "Olga Owner");
        var key = await portal.ModelAsync("doc-notify", labels: ["1.0.0"]);
        await arrange.AssignAsync(key, owner, "Primary");

        var id = (await engineer.AttachAsync(key, DocumentSamples.Csv(), "features.csv", kind: "DataSheet", version: "1.0.0")).Id();

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var notification = await db.Notifications.SingleAsync(n => n.RecipientSubject == owner && n.Category == "Documents");
        Assert.Equal("Documents", notification.Category);
        Assert.Contains($"to {key}@1.0.0", notification.Title, StringComparison.Ordinal);
        Assert.Equal($"/models/{key}?tab=documents&document={id}", notification.Link);
    }

    [Theory]
    [InlineData("title", "Report\u0000", null, "ValidationReport", null)]
    [InlineData("title", "Report\nwith a second line", null, "ValidationReport", null)]
    [InlineData("description", "Report", "bell \u0007", "ValidationReport", null)]
    [InlineData("kind", "Report", null, "Manifesto", null)]
    [InlineData("version", "Report", null, "ValidationReport", "9.9.9")]
    public async Task Bad_metadata_is_a_400_naming_the_field_and_stores_nothing(string field, string title, string? description, string kind, string? version)
    {
        var key = await portal.ModelAsync("doc-bad", labels: ["1.0.0"]);

        var response = await engineer.UploadAsync(key, DocumentSamples.Pdf(), "report.pdf", title, kind, version, description);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.FieldErrorAsync(field));
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
    }

    [Fact]
    public async Task Oversize_metadata_is_a_400_for_each_field()
    {
        var key = await portal.ModelAsync("doc-oversize");

        var response = await engineer.UploadAsync(key, DocumentSamples.Pdf(), "report.pdf", new string('t', 100_000), description: new string('d', 100_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains("at most 200", errors.GetProperty("title")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("at most 2000", errors.GetProperty("description")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
    }

    [Fact]
    public async Task A_changed_stored_file_is_refused_on_download_and_audited_never_passed_silently()
    {
        var key = await portal.ModelAsync("doc-tamper");
        var bytes = System.Text.Encoding.UTF8.GetBytes($"feature,checked\nincome,{Guid.NewGuid():N}\n");
        var document = await engineer.AttachAsync(key, bytes, "features.csv", kind: "DataSheet");
        var sha256 = document.GetProperty("sha256").GetString()!;
        var stored = portal.StoredFiles().Single(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))) == sha256);
        var changed = (byte[])bytes.Clone();
        changed[^3] ^= 0x01;
        await File.WriteAllBytesAsync(stored, changed);

        var download = await engineer.GetAsync(DocumentRequests.ContentUrl(key, document.Id()));

        Assert.Equal(HttpStatusCode.InternalServerError, download.StatusCode);
        Assert.Equal("application/problem+json", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains(sha256, await download.DetailAsync(), StringComparison.Ordinal);
        var failure = Assert.Single(await portal.AuditAsync(DocumentAuditActions.IntegrityFailed, key));
        Assert.Equal(document.Id(), failure.EntityId);
        Assert.Empty(await portal.AuditAsync(DocumentAuditActions.Downloaded, key));
    }

    [Fact]
    public async Task A_person_downloads_from_the_browser_with_their_session()
    {
        var key = await portal.ModelAsync("doc-browser");
        var id = (await engineer.AttachAsync(key, DocumentSamples.Png(), "roc.png", kind: "Other")).Id();
        var browser = Auth.DevelopmentBrowser.Open(portal);
        await browser.SignInAsync("demo-audrey");

        var download = await browser.Http.GetAsync($"/models/{key}/documents/{id}/content");
        var anonymous = await portal.ClientAs(null).GetAsync($"/models/{key}/documents/{id}/content");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(DocumentSamples.Png(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }
}

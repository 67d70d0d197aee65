using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Evidence;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.EvidencePackages;

/// <summary>One portal with a Low-tier model whose version 2.0.0 went to Production through a signed release request.</summary>
public sealed class EvidencePackageFixture : IAsyncLifetime
{
    public ReleasePortal Portal { get; } = new();

    public string ModelKey { get; private set; } = "";

    public EvidencePackageService Service => Portal.App.Services.GetRequiredService<EvidencePackageService>();

    public async Task InitializeAsync()
    {
        ModelKey = await Portal.ModelAsync("Low", "eve-evidence");
        var id = await Portal.RequestAsync(ModelKey, "eve-evidence");
        await Portal.Releases.SignAsync(Reviewer("rita-evidence"), Portal.FreshSession, id, SignatureMeaning.Approved, "Evidence reviewed.");
    }

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class EvidencePackageTests(EvidencePackageFixture fixture) : IClassFixture<EvidencePackageFixture>
{
    private static readonly Actor Auditor = new("audrey-evidence", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });

    [Fact]
    public async Task An_auditors_package_holds_what_the_database_holds_and_verifies_offline()
    {
        var zip = await BuildAsync(Auditor, new EvidencePackageRequest(null, null, null));

        var verification = await EvidencePackageVerifier.VerifyAsync(new MemoryStream(zip), fixture.Service.PublicKeyPem, null);

        Assert.True(verification.Intact, string.Join("\n", verification.Problems));
        using var archive = new ZipArchive(new MemoryStream(zip));
        var manifest = EvidenceManifest.Parse(Read(archive, EvidencePackageFormat.Manifest))!;
        await using var db = await DbAsync();
        var model = await db.Models.SingleAsync(m => m.Key == fixture.ModelKey);
        var sliceInDb = await db.AuditEvents.Where(a => a.ModelKey == fixture.ModelKey && a.Sequence <= manifest.ChainHeadSequence)
            .OrderBy(a => a.Sequence).Select(a => a.Hash).ToListAsync();
        var versionsInDb = await db.ModelVersions.Where(v => v.ModelId == model.Id).OrderBy(v => v.Id).Select(v => v.Label).ToListAsync();
        var signature = await db.ReleaseSignatures.SingleAsync(s => s.ModelKey == fixture.ModelKey);

        Assert.Equal(sliceInDb, Json(archive, EvidencePackageFormat.AuditEvents).EnumerateArray().Select(e => e.GetProperty("hash").GetString()));
        Assert.Equal(versionsInDb, Json(archive, "versions/versions.json").EnumerateArray().Select(v => v.GetProperty("label").GetString()));
        var signed = Json(archive, EvidencePackageFormat.ReleaseRequests)[0].GetProperty("signatures")[0];
        Assert.Equal(signature.SnapshotSha256, signed.GetProperty("snapshotSha256").GetString());
        Assert.True(signed.GetProperty("verified").GetBoolean());
        Assert.Equal(2, Json(archive, "fairness/evaluations.json").GetArrayLength());
        Assert.Equal("Primary", Json(archive, "ownership/history.json")[0].GetProperty("role").GetString());
        Assert.Contains("## ", System.Text.Encoding.UTF8.GetString(Read(archive, "model-card/card.md")), StringComparison.Ordinal);
        Assert.Equal(["card-reviewer"], Json(archive, "model-card/review.json").GetProperty("reviews").EnumerateArray()
            .Select(r => r.GetProperty("reviewerSubject").GetString()));
        Assert.Contains(fixture.ModelKey, System.Text.Encoding.UTF8.GetString(Read(archive, EvidencePackageFormat.Summary)), StringComparison.Ordinal);
        Assert.Equal(manifest.Files.Select(f => f.Path).Order(StringComparer.Ordinal),
            archive.Entries.Select(e => e.FullName).Where(n => n is not EvidencePackageFormat.Manifest and not EvidencePackageFormat.ManifestSignature).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Building_a_package_is_audited_with_who_which_model_and_the_range()
    {
        var to = fixture.Portal.Now.AddDays(1);

        await BuildAsync(Auditor, new EvidencePackageRequest(null, to, "2.0.0"));

        await using var db = await DbAsync();
        var built = await db.AuditEvents.Where(a => a.Action == AuditActions.EvidencePackageBuilt && a.ActorId == Auditor.Id)
            .OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal(fixture.ModelKey, built.ModelKey);
        Assert.Contains("\"version\":\"2.0.0\"", built.After, StringComparison.Ordinal);
        Assert.Contains($"\"to\":\"{to:yyyy-MM-dd}", built.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_for_one_version_leaves_the_others_out()
    {
        using var archive = new ZipArchive(new MemoryStream(await BuildAsync(Auditor, new EvidencePackageRequest(null, null, "1.0.0"))));

        Assert.Equal(["1.0.0"], Json(archive, "versions/versions.json").EnumerateArray().Select(v => v.GetProperty("label").GetString()));
        Assert.Equal(0, Json(archive, EvidencePackageFormat.ReleaseRequests).GetArrayLength());
    }

    [Fact]
    public async Task A_range_without_events_still_links_to_the_head_and_verifies()
    {
        var future = fixture.Portal.Now.AddYears(5);

        var zip = await BuildAsync(Auditor, new EvidencePackageRequest(future, null, null));

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(0, Json(archive, EvidencePackageFormat.AuditEvents).GetArrayLength());
        Assert.Equal(1, Json(archive, EvidencePackageFormat.AuditChain).GetArrayLength());
        Assert.True((await EvidencePackageVerifier.VerifyAsync(new MemoryStream(zip), fixture.Service.PublicKeyPem, null)).Intact);
    }

    [Fact]
    public async Task A_team_scoped_token_downloads_its_teams_package_and_it_verifies_with_the_published_key()
    {
        // The Engineer token's subject is a member of the model's team (ReleasePortal.ModelAsync).
        var client = fixture.Portal.ClientAs(PortalRoles.Engineer);

        var response = await client.GetAsync($"/api/v1/models/{fixture.ModelKey}/evidence-package");
        var key = await client.GetStringAsync("/api/v1/evidence/signing-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"evidence-{fixture.ModelKey}-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var zip = await response.Content.ReadAsByteArrayAsync();
        var verification = await EvidencePackageVerifier.VerifyAsync(new MemoryStream(zip), key, null);
        Assert.True(verification.Intact, string.Join("\n", verification.Problems));
    }

    [Fact]
    public async Task A_token_scoped_to_other_teams_is_refused_whatever_its_role_and_the_refusal_is_audited()
    {
        var auditorToken = await fixture.Portal.ClientAs(PortalRoles.Auditor)
            .GetAsync($"/api/v1/models/{fixture.ModelKey}/evidence-package");
        var unscopedClient = fixture.Portal.App.CreateClient();
        unscopedClient.DefaultRequestHeaders.Authorization = new("Bearer", Infrastructure.PortalFactory.UnscopedEngineerToken);
        var unscoped = await unscopedClient.GetAsync($"/api/v1/models/{fixture.ModelKey}/evidence-package");

        Assert.Equal(HttpStatusCode.Forbidden, auditorToken.StatusCode);
        Assert.Contains("this service token is scoped to", await auditorToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, unscoped.StatusCode);
    }

    [Fact]
    public async Task An_engineer_outside_the_team_is_refused_and_nothing_is_built()
    {
        var outsider = Engineer("outsider-evidence");

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            fixture.Service.PrepareAsync(outsider, fixture.ModelKey, new EvidencePackageRequest(null, null, null)));

        Assert.Contains("you are none of these", denied.Message, StringComparison.Ordinal);
        Assert.Contains("evidence package of", await fixture.Portal.LastDenialAsync(outsider.Id), StringComparison.Ordinal);
        Assert.Equal(0, await BuiltByAsync(outsider.Id));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_clear_message()
    {
        var client = fixture.Portal.ClientAs(PortalRoles.Admin);
        var url = $"/api/v1/models/{fixture.ModelKey}/evidence-package";

        var backwards = await client.GetAsync($"{url}?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z");
        var noVersion = await client.GetAsync($"{url}?version=9.9.9");
        var longVersion = await client.GetAsync($"{url}?version={new string('v', 65)}");
        var noModel = await client.GetAsync("/api/v1/models/no-such-model/evidence-package");
        var notADate = await client.GetAsync($"{url}?from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("start must not be after its end", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Contains("has no version '9.9.9'", await noVersion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noModel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
    }

    private async Task<int> BuiltByAsync(string actorId)
    {
        await using var db = await DbAsync();
        return await db.AuditEvents.CountAsync(a => a.Action == AuditActions.EvidencePackageBuilt && a.ActorId == actorId);
    }

    private async Task<byte[]> BuildAsync(Actor actor, EvidencePackageRequest request)
    {
        var scope = await fixture.Service.PrepareAsync(actor, fixture.ModelKey, request);
        using var output = new MemoryStream();
        await fixture.Service.WriteAsync(scope, output);
        return output.ToArray();
    }

    private Task<PortalDbContext> DbAsync() =>
        fixture.Portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static byte[] Read(ZipArchive archive, string path)
    {
        using var stream = archive.GetEntry(path)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static JsonElement Json(ZipArchive archive, string path) => JsonDocument.Parse(Read(archive, path)).RootElement;
}

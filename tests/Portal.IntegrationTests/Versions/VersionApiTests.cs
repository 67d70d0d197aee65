using System.Net;
using System.Text.Json;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Versions.VersionRequests;

namespace Portal.IntegrationTests.Versions;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class VersionApiTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory portal;
    private readonly HttpClient engineer;
    private readonly HttpClient admin;
    private readonly HttpClient auditor;

    public VersionApiTests(PortalFactory portal)
    {
        this.portal = portal;
        engineer = portal.ClientAs(PortalRoles.Engineer);
        admin = portal.ClientAs(PortalRoles.Admin);
        auditor = portal.ClientAs(PortalRoles.Auditor);
    }

    private async Task ModelAsync(string key) => (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key))).EnsureSuccessStatusCode();

    private async Task<JsonElement> RegisterAsync(string key, object version)
    {
        var response = await engineer.PostJsonAsync($"/api/v1/models/{key}/versions", version);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> GetAsync(string key, string label) =>
        await (await engineer.GetAsync($"/api/v1/models/{key}/versions/{label}")).ReadJsonAsync();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> CountVersionsAsync() => CountAsync("SELECT COUNT(*) FROM ModelVersions");

    [Fact]
    public async Task A_pipeline_registers_a_version_and_reads_its_lineage_back()
    {
        await ModelAsync("lineage-probe");

        var created = await engineer.PostJsonAsync("/api/v1/models/lineage-probe/versions", NewVersion("1.0.0+build.7", auc: 0.812));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/models/lineage-probe/versions/1.0.0%2Bbuild.7", created.Headers.Location?.OriginalString);
        var version = await (await engineer.GetAsync(created.Headers.Location!)).ReadJsonAsync();
        Assert.Equal("1.0.0+build.7", version.GetProperty("label").GetString());
        Assert.Equal("s3://ml-data/credit/train.parquet", version.GetProperty("trainingData").GetProperty("uri").GetString());
        Assert.Equal(TrainingHash, version.GetProperty("trainingData").GetProperty("sha256").GetString());
        Assert.Equal(EvaluationHash, version.GetProperty("evaluationData").GetProperty("sha256").GetString());
        Assert.Equal("https://git.example.com/credit/pd", version.GetProperty("codeRepository").GetString());
        Assert.Equal("4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", version.GetProperty("codeCommit").GetString());
        var learningRate = version.GetProperty("hyperparameters")[0];
        Assert.Equal(("learning_rate", "number", "0.1"),
            (learningRate.GetProperty("key").GetString(), learningRate.GetProperty("type").GetString(), learningRate.GetProperty("value").GetString()));
        Assert.Equal("0.812", version.GetProperty("metrics")[0].GetProperty("value").GetString());
        Assert.Equal("true", version.GetProperty("metrics")[1].GetProperty("value").GetString());
        Assert.Equal("s3://ml-artifacts/credit/1.0.0+build.7/model.bin", version.GetProperty("artifactUri").GetString());
        Assert.Equal("Trained by the nightly pipeline.", version.GetProperty("notes").GetString());
        Assert.Equal("None", version.GetProperty("stage").GetString());
        Assert.Equal("test-engineer", version.GetProperty("registeredBy").GetString());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("stageChangedAt").ValueKind);
        Assert.Equal(1, version.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task The_list_is_newest_first_and_paged()
    {
        await ModelAsync("paging-versions");
        foreach (var label in new[] { "v1", "v2", "v3" })
        {
            await RegisterAsync("paging-versions", NewVersion(label));
        }

        var first = await (await auditor.GetAsync("/api/v1/models/PAGING-VERSIONS/versions?page=1&pageSize=2")).ReadJsonAsync();
        var second = await (await auditor.GetAsync("/api/v1/models/paging-versions/versions?page=2&pageSize=2")).ReadJsonAsync();

        Assert.Equal(3, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(["v3", "v2"], first.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("label").GetString()!));
        Assert.Equal(["v1"], second.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("label").GetString()!));
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_and_writes_nothing()
    {
        await ModelAsync("bad-version-input");
        var before = await CountVersionsAsync();

        var response = await engineer.PostJsonAsync("/api/v1/models/bad-version-input/versions", new
        {
            label = "-bad label",
            trainingData = new { uri = "train.parquet", sha256 = "abc" },
            codeCommit = "main",
            codeRepository = "https://git.example.com/x",
            hyperparameters = new object?[] { new { key = "lr", type = "number", value = "0,1" }, null },
            metrics = new object[] { new { key = "auc", type = "percentage", value = "81" } },
            artifactUri = "model.bin",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(
            ["artifactUri", "codeCommit", "hyperparameters", "label", "metrics", "trainingData.sha256", "trainingData.uri"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, errors.GetProperty("hyperparameters").GetArrayLength());
        Assert.Equal(before, await CountVersionsAsync());
    }

    [Fact]
    public async Task A_missing_training_data_set_is_refused()
    {
        await ModelAsync("no-training-data");

        var response = await engineer.PostJsonAsync("/api/v1/models/no-training-data/versions", new { label = "v1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("trainingData.uri", out _));
        Assert.True(errors.TryGetProperty("trainingData.sha256", out _));
        Assert.Equal(0, (await (await engineer.GetAsync("/api/v1/models/no-training-data/versions")).ReadJsonAsync()).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_label_is_unique_within_its_model_regardless_of_case()
    {
        await ModelAsync("duplicate-labels");
        await ModelAsync("other-model-same-label");
        await RegisterAsync("duplicate-labels", NewVersion("v1"));
        var before = await CountVersionsAsync();

        var duplicate = await engineer.PostJsonAsync("/api/v1/models/duplicate-labels/versions", NewVersion("V1"));

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var message = (await duplicate.ReadJsonAsync()).GetProperty("errors").GetProperty("label")[0].GetString();
        Assert.Contains("already has a version labelled 'V1'", message, StringComparison.Ordinal);
        Assert.Equal(before, await CountVersionsAsync());
        await RegisterAsync("other-model-same-label", NewVersion("v1"));
    }

    [Fact]
    public async Task A_retired_model_takes_no_new_versions()
    {
        await ModelAsync("retired-for-versions");
        (await portal.ClientAs(PortalRoles.Manager).PostJsonAsync("/api/v1/models/retired-for-versions/retire", new { reason = "Replaced", revision = 1 }))
            .EnsureSuccessStatusCode();

        var response = await engineer.PostJsonAsync("/api/v1/models/retired-for-versions/versions", NewVersion("v1"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("retired", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_models_and_labels_are_404_problems()
    {
        await ModelAsync("known-model");

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync("/api/v1/models/no-such-model/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostJsonAsync("/api/v1/models/no-such-model/versions", NewVersion("v1"))).StatusCode);
        var missing = await engineer.GetAsync("/api/v1/models/known-model/versions/v9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_auditor_cannot_register_a_version_and_the_denial_is_audited()
    {
        await ModelAsync("auditor-register");
        var deniedBefore = await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Access.Denied' AND EntityId = 'RegisterVersion'");

        var response = await auditor.PostJsonAsync("/api/v1/models/auditor-register/versions", NewVersion("v1"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM ModelVersions v JOIN Models m ON m.Id = v.ModelId WHERE m.Key = 'auditor-register'"));
        Assert.Equal(deniedBefore + 1, await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Access.Denied' AND EntityId = 'RegisterVersion'"));
    }

    [Fact]
    public async Task An_engineer_cannot_set_a_stage_and_the_denial_is_audited_with_an_explanation()
    {
        await ModelAsync("engineer-stage");
        await RegisterAsync("engineer-stage", NewVersion("v1"));
        var deniedBefore = await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Access.Denied' AND EntityId = 'SetVersionStage'");

        var response = await engineer.PutJsonAsync("/api/v1/models/engineer-stage/versions/v1/stage", Stage("Production", 1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Setting a version's stage needs the Admin role; you have the Engineer role.",
            (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(deniedBefore + 1, await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Access.Denied' AND EntityId = 'SetVersionStage'"));
        Assert.Equal("None", (await GetAsync("engineer-stage", "v1")).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Promoting_a_second_version_to_production_archives_the_first_in_the_same_step()
    {
        await ModelAsync("champion-challenger");
        await RegisterAsync("champion-challenger", NewVersion("v1"));
        await RegisterAsync("champion-challenger", NewVersion("v2"));

        var first = await admin.PutJsonAsync("/api/v1/models/champion-challenger/versions/v1/stage", Stage("Production", 1));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var promoted = await first.ReadJsonAsync();
        Assert.Equal("Production", promoted.GetProperty("stage").GetString());
        Assert.Equal("test-admin", promoted.GetProperty("stageChangedBy").GetString());
        Assert.Equal(2, promoted.GetProperty("revision").GetInt32());

        var staged = await admin.PutJsonAsync("/api/v1/models/champion-challenger/versions/v2/stage", Stage("staging", 1));
        Assert.Equal(HttpStatusCode.OK, staged.StatusCode);
        var second = await admin.PutJsonAsync("/api/v1/models/champion-challenger/versions/v2/stage", Stage("Production", 2));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var v1 = await GetAsync("champion-challenger", "v1");
        Assert.Equal("Archived", v1.GetProperty("stage").GetString());
        Assert.Equal(3, v1.GetProperty("revision").GetInt32());
        Assert.Equal("Production", (await GetAsync("champion-challenger", "v2")).GetProperty("stage").GetString());
        Assert.Equal(1, await CountAsync(
            "SELECT COUNT(*) FROM ModelVersions v JOIN Models m ON m.Id = v.ModelId WHERE m.Key = 'champion-challenger' AND v.Stage = 'Production'"));
    }

    [Fact]
    public async Task A_stale_revision_is_refused_with_a_conflict_and_changes_nothing()
    {
        await ModelAsync("stale-stage");
        await RegisterAsync("stale-stage", NewVersion("v1"));
        (await admin.PutJsonAsync("/api/v1/models/stale-stage/versions/v1/stage", Stage("Staging", 1))).EnsureSuccessStatusCode();

        var stale = await admin.PutJsonAsync("/api/v1/models/stale-stage/versions/v1/stage", Stage("Production", 1));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else", (await stale.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Staging", (await GetAsync("stale-stage", "v1")).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Moving_to_the_current_stage_is_a_conflict_and_bad_stage_bodies_are_field_errors()
    {
        await ModelAsync("stage-input");
        await RegisterAsync("stage-input", NewVersion("v1"));
        (await admin.PutJsonAsync("/api/v1/models/stage-input/versions/v1/stage", Stage("Staging", 1))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync("/api/v1/models/stage-input/versions/v1/stage", Stage("Staging", 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync("/api/v1/models/stage-input/versions/v1/stage", Stage("None", 2))).StatusCode);
        var bad = await admin.PutJsonAsync("/api/v1/models/stage-input/versions/v1/stage", Stage("Live", null));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains("Staging, Production, Archived", errors.GetProperty("stage")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("revision", out _));
    }

    [Fact]
    public async Task Compare_reports_changed_values_with_deltas_and_lineage_changes()
    {
        await ModelAsync("compare-probe");
        await RegisterAsync("compare-probe", NewVersion("v1", learningRate: "0.1", auc: 0.8));
        await RegisterAsync("compare-probe", NewVersion("v2", learningRate: "0.05", auc: 0.85, trainingHash: new string('a', 64), commit: "abcdef1"));

        var response = await auditor.GetAsync("/api/v1/models/compare-probe/versions/compare?left=v1&right=V2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var comparison = await response.ReadJsonAsync();
        Assert.Equal("v1", comparison.GetProperty("leftLabel").GetString());
        Assert.Equal("v2", comparison.GetProperty("rightLabel").GetString());
        var learningRate = comparison.GetProperty("hyperparameters").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "learning_rate");
        Assert.True(learningRate.GetProperty("changed").GetBoolean());
        Assert.Equal(-0.05, learningRate.GetProperty("delta").GetDouble(), 10);
        var depth = comparison.GetProperty("hyperparameters").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "max_depth");
        Assert.False(depth.GetProperty("changed").GetBoolean());
        var auc = comparison.GetProperty("metrics").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "auc");
        Assert.Equal(0.05, auc.GetProperty("delta").GetDouble(), 10);
        Assert.Equal("0.8", auc.GetProperty("left").GetProperty("value").GetString());
        var training = comparison.GetProperty("trainingData");
        Assert.False(training.GetProperty("uriChanged").GetBoolean());
        Assert.True(training.GetProperty("hashChanged").GetBoolean());
        Assert.False(comparison.GetProperty("evaluationData").GetProperty("changed").GetBoolean());
        Assert.True(comparison.GetProperty("code").GetProperty("commitChanged").GetBoolean());
        Assert.False(comparison.GetProperty("code").GetProperty("repositoryChanged").GetBoolean());
        Assert.True(comparison.GetProperty("anyChange").GetBoolean());
    }

    [Fact]
    public async Task Compare_needs_both_labels()
    {
        await ModelAsync("compare-input");

        var response = await engineer.GetAsync("/api/v1/models/compare-input/versions/compare?left=v1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("right", out _));
    }

    [Fact]
    public async Task Registrations_and_stage_moves_appear_in_the_audit_trail_under_the_model()
    {
        await ModelAsync("trail-versions");
        await RegisterAsync("trail-versions", NewVersion("v1"));
        await RegisterAsync("trail-versions", NewVersion("v2"));
        (await admin.PutJsonAsync("/api/v1/models/trail-versions/versions/v1/stage", Stage("Production", 1))).EnsureSuccessStatusCode();
        (await admin.PutJsonAsync("/api/v1/models/trail-versions/versions/v2/stage", Stage("Production", 1))).EnsureSuccessStatusCode();

        var trail = await (await auditor.GetAsync("/api/v1/audit/events?modelKey=trail-versions&action=Version.")).ReadJsonAsync();

        var events = trail.GetProperty("items").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Entity: e.GetProperty("entityId").GetString(), Actor: e.GetProperty("actorName").GetString(),
                ModelKey: e.GetProperty("modelKey").GetString(), After: e.GetProperty("after").GetString()))
            .ToList();
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal("trail-versions", e.ModelKey));
        Assert.Equal(2, events.Count(e => e.Action == "Version.Registered" && e.Actor == "test-engineer"));
        var moves = events.Where(e => e.Action == "Version.StageChanged").ToList();
        Assert.Equal(3, moves.Count);
        Assert.All(moves, e => Assert.Equal("test-admin", e.Actor));
        Assert.Contains(moves, e => e.Entity == "trail-versions@v1" && e.After!.Contains("\"Archived\"", StringComparison.Ordinal));
        Assert.Contains(moves, e => e.Entity == "trail-versions@v2" && e.After!.Contains("\"Production\"", StringComparison.Ordinal));
        var verify = await (await auditor.GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }
}

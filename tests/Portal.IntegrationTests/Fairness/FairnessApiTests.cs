using System.Net;
using System.Text.Json;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Fairness;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class FairnessApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> EvaluationsAsync(string key) => CountAsync($"SELECT COUNT(*) FROM FairnessEvaluations WHERE ModelKey = '{key}'");

    [Fact]
    public async Task An_engineer_uploads_predictions_and_reads_the_judged_evaluation_back()
    {
        await engineer.ModelWithVersionAsync("fair-upload", "1.0");

        var created = await engineer.PostCsvAsync("fair-upload", "1.0", FairnessRequests.Unfair);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var summary = await created.ReadJsonAsync();
        Assert.Equal("Computed", summary.GetProperty("source").GetString());
        Assert.False(summary.GetProperty("passed").GetBoolean());
        Assert.Equal(0, summary.GetProperty("policyVersion").GetInt32());
        var detail = await (await engineer.GetAsync(created.Headers.Location!)).ReadJsonAsync();
        var results = detail.GetProperty("results");
        Assert.Equal(8, results.GetProperty("overall").GetProperty("count").GetInt64());
        var women = results.GetProperty("groups")[0];
        Assert.Equal("f", women.GetProperty("features")[0].GetProperty("value").GetString());
        Assert.Equal(0.25, women.GetProperty("selectionRate").GetProperty("value").GetDouble());
        Assert.True(women.GetProperty("selectionRate").GetProperty("lower").GetDouble() < 0.25);
        Assert.True(women.GetProperty("tooSmall").GetBoolean());
        Assert.Equal(1.0 / 3, results.GetProperty("disparities").GetProperty("demographicParityRatio").GetProperty("value").GetDouble(), 1e-12);
        var sentences = detail.GetProperty("summary").GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("sentence").GetString()).ToList();
        Assert.Contains("sex=f are selected at 0.333 times the rate of sex=m (0.25 vs 0.75); policy requires at least 0.8.", sentences);
        Assert.Equal(0.8, detail.GetProperty("policy").GetProperty("minDemographicParityRatio").GetDouble());
    }

    [Fact]
    public async Task A_multipart_upload_is_computed_and_listed_for_its_version()
    {
        await engineer.ModelWithVersionAsync("fair-multipart", "1.0", "2.0");

        var created = await engineer.PostMultipartAsync("fair-multipart", "2.0", FairnessRequests.Fair);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await created.ReadJsonAsync()).GetProperty("passed").GetBoolean());
        var forVersion = await (await engineer.GetAsync("/api/v1/models/fair-multipart/versions/2.0/fairness-evaluations")).ReadJsonAsync();
        var forOther = await (await engineer.GetAsync("/api/v1/models/fair-multipart/versions/1.0/fairness-evaluations")).ReadJsonAsync();
        Assert.Equal(1, forVersion.GetArrayLength());
        Assert.Equal("predictions.csv", forVersion[0].GetProperty("fileName").GetString());
        Assert.Equal(0, forOther.GetArrayLength());
    }

    [Theory]
    [InlineData("label,prediction,gender\n1,1,f\n", "'sex'")]
    [InlineData("label,prediction,sex\n1,1,f\n0,0,m\nyes,1,f\n", "Row 3")]
    [InlineData("", "empty")]
    [InlineData("label,prediction,sex\n", "no data rows")]
    public async Task A_bad_file_is_refused_with_what_to_fix_and_nothing_is_stored(string csv, string expected)
    {
        var key = $"fair-bad-{Guid.NewGuid():N}"[..20];
        await engineer.ModelWithVersionAsync(key, "1.0");

        var response = await engineer.PostCsvAsync(key, "1.0", csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await EvaluationsAsync(key));
    }

    [Fact]
    public async Task A_mapping_without_sensitive_columns_is_refused()
    {
        await engineer.ModelWithVersionAsync("fair-nomap", "1.0");

        var response = await engineer.PostCsvAsync("fair-nomap", "1.0", FairnessRequests.Fair, "labelColumn=label&predictionColumn=prediction");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sensitive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_version_is_not_found()
    {
        await engineer.ModelWithVersionAsync("fair-noversion", "1.0");

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostCsvAsync("fair-noversion", "9.9", FairnessRequests.Fair)).StatusCode);
    }

    [Fact]
    public async Task A_pipeline_posts_metrics_it_computed_itself_and_they_are_marked_imported()
    {
        await engineer.ModelWithVersionAsync("fair-import", "1.0");

        var created = await engineer.PostJsonAsync("/api/v1/models/fair-import/versions/1.0/fairness-evaluations/imported", FairnessRequests.Report(0.31, 0.5));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var summary = await created.ReadJsonAsync();
        Assert.Equal("Imported", summary.GetProperty("source").GetString());
        Assert.False(summary.GetProperty("passed").GetBoolean());
        Assert.Equal(200, summary.GetProperty("rowCount").GetInt64());
        var sentence = summary.GetProperty("failures")[0].GetProperty("sentence").GetString();
        Assert.Equal("sex=female are selected at 0.62 times the rate of sex=male (0.31 vs 0.5); policy requires at least 0.8.", sentence);
        var detail = await (await engineer.GetAsync(created.Headers.Location!)).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("results").GetProperty("groups")[0].GetProperty("selectionRate").GetProperty("lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("results").GetProperty("disparities").GetProperty("equalOpportunityRatio").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task An_imported_rate_outside_zero_to_one_is_refused()
    {
        await engineer.ModelWithVersionAsync("fair-import-bad", "1.0");

        var response = await engineer.PostJsonAsync("/api/v1/models/fair-import-bad/versions/1.0/fairness-evaluations/imported", FairnessRequests.Report(1.5, 0.5));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await EvaluationsAsync("fair-import-bad"));
    }

    [Fact]
    public async Task An_auditor_reads_evaluations_but_cannot_post_them()
    {
        await engineer.ModelWithVersionAsync("fair-auditor", "1.0");
        (await engineer.PostCsvAsync("fair-auditor", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();
        var auditor = portal.ClientAs(PortalRoles.Auditor);

        var posted = await auditor.PostCsvAsync("fair-auditor", "1.0", FairnessRequests.Fair);
        var listed = await auditor.GetAsync("/api/v1/models/fair-auditor/fairness-evaluations");

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(1, (await listed.ReadJsonAsync()).GetArrayLength());
        Assert.Equal(1, await EvaluationsAsync("fair-auditor"));
    }

    [Fact]
    public async Task Recording_an_evaluation_is_audited_with_a_hash_of_its_figures()
    {
        await engineer.ModelWithVersionAsync("fair-audit", "1.0");

        (await engineer.PostCsvAsync("fair-audit", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Fairness.Computed' AND ModelKey = 'fair-audit' AND After LIKE '%ResultsSha256%'"));
    }
}

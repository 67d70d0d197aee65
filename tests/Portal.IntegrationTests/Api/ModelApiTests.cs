using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Api;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class ModelApiTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory portal;
    private readonly HttpClient engineer;

    public ModelApiTests(PortalFactory portal)
    {
        this.portal = portal;
        engineer = portal.ClientAs(PortalRoles.Engineer);
    }

    [Fact]
    public async Task A_pipeline_registers_a_model_and_reads_it_back()
    {
        var created = await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("churn-api-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/models/churn-api-1", created.Headers.Location?.OriginalString);

        var read = await engineer.GetAsync("/api/v1/models/CHURN-API-1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var model = await read.ReadJsonAsync();
        Assert.Equal("churn-api-1", model.GetProperty("key").GetString());
        Assert.Equal("High", model.GetProperty("riskTier").GetString());
        Assert.Equal("test-engineer", model.GetProperty("registeredBy").GetString());
        Assert.Equal(1, model.GetProperty("revision").GetInt32());
        Assert.Equal(new string?[] { "credit", "test" }, model.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
    }

    [Fact]
    public async Task Listing_is_paged_and_searchable()
    {
        for (var i = 0; i < 3; i++)
        {
            (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel($"paging-probe-{i}"))).EnsureSuccessStatusCode();
        }
        var page = await (await engineer.GetAsync("/api/v1/models?search=paging-probe&page=1&pageSize=2")).ReadJsonAsync();
        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var second = await (await engineer.GetAsync("/api/v1/models?search=PAGING-PROBE&page=2&pageSize=2")).ReadJsonAsync();
        Assert.Equal("paging-probe-2", second.GetProperty("items")[0].GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("", "key")]
    [InlineData("has space", "key")]
    [InlineData("-leading-dash", "key")]
    public async Task A_bad_key_gets_a_field_error_and_writes_nothing(string key, string field)
    {
        var before = await CountModelsAsync();
        var response = await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await CountModelsAsync());
    }

    [Fact]
    public async Task Over_long_and_malformed_values_get_field_errors()
    {
        var response = await engineer.PostJsonAsync("/api/v1/models", new
        {
            key = "valid-key-long-name",
            name = new string('n', 201),
            team = "",
            riskTier = "Extreme",
            status = "Development",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains("Low, Medium, High", errors.GetProperty("riskTier")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync("/api/v1/models/valid-key-long-name")).StatusCode);
    }

    [Fact]
    public async Task A_key_is_unique_regardless_of_case()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("Fraud-Unique"))).EnsureSuccessStatusCode();
        var duplicate = await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("fraud-unique"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var message = (await duplicate.ReadJsonAsync()).GetProperty("errors").GetProperty("key")[0].GetString();
        Assert.Contains("already exists", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_a_conflict_and_the_first_edit_survives()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("stale-edit"))).EnsureSuccessStatusCode();
        var first = await engineer.PutJsonAsync("/api/v1/models/stale-edit", Update("First edit", revision: 1));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await engineer.PutJsonAsync("/api/v1/models/stale-edit", Update("Second edit from a stale page", revision: 1));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("changed by someone else", (await second.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var model = await (await engineer.GetAsync("/api/v1/models/stale-edit")).ReadJsonAsync();
        Assert.Equal("First edit", model.GetProperty("name").GetString());
        Assert.Equal(2, model.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task An_update_without_a_revision_is_refused()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("no-revision"))).EnsureSuccessStatusCode();
        var response = await engineer.PutJsonAsync("/api/v1/models/no-revision", Update("x", revision: null));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("revision", out _));
    }

    [Fact]
    public async Task A_manager_retires_a_model_with_a_reason_and_it_can_no_longer_be_edited()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("to-retire"))).EnsureSuccessStatusCode();
        var manager = portal.ClientAs(PortalRoles.Manager);

        var noReason = await manager.PostJsonAsync("/api/v1/models/to-retire/retire", new { reason = " ", revision = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var retired = await manager.PostJsonAsync("/api/v1/models/to-retire/retire", new { reason = "Replaced by churn-v2", revision = 1 });
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        var model = await retired.ReadJsonAsync();
        Assert.Equal("Retired", model.GetProperty("status").GetString());
        Assert.Equal("Replaced by churn-v2", model.GetProperty("retirementReason").GetString());

        var edit = await engineer.PutJsonAsync("/api/v1/models/to-retire", Update("after retirement", revision: 2));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_and_unknown_query_values_are_400_problems()
    {
        var malformed = await engineer.PostAsync("/api/v1/models",
            new StringContent("{\"key\": \"broken\", ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var badFilter = await engineer.GetAsync("/api/v1/models?status=Sideways");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal("application/problem+json", badFilter.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_problem()
    {
        var response = await engineer.GetAsync("/api/v1/models/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static object Update(string name, int? revision) => new
    {
        name,
        description = "Edited.",
        team = "Credit Risk",
        status = "Validation",
        tags = new[] { "edited" },
        revision,
    };

    private async Task<long> CountModelsAsync()
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Models";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

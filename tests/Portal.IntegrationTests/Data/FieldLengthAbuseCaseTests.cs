using System.Net;
using Portal.Domain.Access;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.IntegrationTests.Fairness;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// Over-long values posted through the API. SQLite would store them; SQL Server would refuse the row with a 500 after the
/// work was done. Each must be a 400 problem detail naming the field, with nothing stored.
/// </summary>
public sealed class FieldLengthAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task A_fairness_file_name_longer_than_its_column_is_refused_before_the_file_is_read()
    {
        await engineer.ModelWithVersionAsync("len-file", "1.0");
        var tooLong = new string('f', FairnessEvaluation.FileNameMaxLength + 1 - ".csv".Length) + ".csv";

        var refused = await engineer.PostCsvAsync("len-file", "1.0", FairnessRequests.Fair, $"{FairnessRequests.Mapping}&fileName={tooLong}");

        await AssertRefusedAsync(refused, "fileName");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM FairnessEvaluations WHERE ModelKey = 'len-file'"));
        var longest = tooLong[1..];
        Assert.Equal(HttpStatusCode.Created,
            (await engineer.PostCsvAsync("len-file", "1.0", FairnessRequests.Fair, $"{FairnessRequests.Mapping}&fileName={longest}")).StatusCode);
    }

    [Fact]
    public async Task A_fairness_mapping_longer_than_its_column_is_refused_before_the_file_is_read()
    {
        await engineer.ModelWithVersionAsync("len-mapping", "1.0");
        var column = new string('c', FairnessEvaluation.MappingMaxLength);

        var refused = await engineer.PostCsvAsync("len-mapping", "1.0", FairnessRequests.Fair,
            $"labelColumn={column}&predictionColumn=prediction&sensitive=sex");

        await AssertRefusedAsync(refused, "mapping");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM FairnessEvaluations WHERE ModelKey = 'len-mapping'"));
    }

    [Fact]
    public async Task A_fairness_policy_reason_longer_than_its_column_is_refused()
    {
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);

        var refused = await reviewer.PutJsonAsync("/api/v1/fairness/policies/High", new
        {
            expectedVersion = 0,
            minDemographicParityRatio = 0.9,
            maxDemographicParityDifference = 0.1,
            maxEqualizedOddsDifference = 0.1,
            requiredSensitiveFeatures = Array.Empty<string>(),
            maximumAgeDays = 30,
            reason = new string('r', FairnessPolicy.ReasonMaxLength + 1),
        });

        await AssertRefusedAsync(refused, "reason");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM FairnessPolicies WHERE RiskTier = 'High'"));
    }

    [Fact]
    public async Task A_model_name_longer_than_its_column_is_refused()
    {
        var model = new Dictionary<string, object>
        {
            ["key"] = "len-name", ["name"] = new string('n', ModelRules.NameMaxLength + 1), ["team"] = "Length Team",
            ["riskTier"] = "Low", ["status"] = "Development", ["tags"] = Array.Empty<string>(),
        };

        var refused = await engineer.PostJsonAsync("/api/v1/models", model);

        await AssertRefusedAsync(refused, "name");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Models WHERE Key = 'len-name'"));
    }

    [Fact]
    public async Task A_retirement_reason_longer_than_its_column_is_refused()
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel("len-retire"))).EnsureSuccessStatusCode();

        var refused = await admin.PostJsonAsync("/api/v1/models/len-retire/retire",
            new { reason = new string('r', ModelRules.RetirementReasonMaxLength + 1), revision = 1 });

        await AssertRefusedAsync(refused, "reason");
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Models WHERE Key = 'len-retire' AND RetirementReason IS NOT NULL"));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"The problem names {field}: {errors}");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Releases;

namespace Portal.IntegrationTests.Fairness;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class FairnessGateTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    private IReleaseGate Gate => portal.Services.GetServices<IReleaseGate>().Single(g => g.Name == "fairness");

    private async Task<ReleaseGateSubject> SubjectAsync(string key, string label, DateTime asOf)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT v.Id, m.Id FROM ModelVersions v JOIN Models m ON m.Id = v.ModelId WHERE m.Key = '{key}' AND v.Label = '{label}'";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ReleaseGateSubject(reader.GetInt32(1), key, RiskTier.High, "Credit Risk", reader.GetInt32(0), label, VersionStage.Production, asOf, 0);
    }

    [Fact]
    public async Task A_recent_passing_evaluation_of_the_version_passes()
    {
        await engineer.ModelWithVersionAsync("gate-pass", "1.0");
        (await engineer.PostCsvAsync("gate-pass", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();

        var result = await Gate.EvaluateAsync(await SubjectAsync("gate-pass", "1.0", DateTime.UtcNow.AddMinutes(1)), default);

        Assert.True(result.Passed, result.Reason);
        Assert.Equal("fairness", result.Gate);
        Assert.Contains("1.0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_evaluation_of_that_exact_version_it_fails()
    {
        await engineer.ModelWithVersionAsync("gate-other", "1.0", "1.1");
        (await engineer.PostCsvAsync("gate-other", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();

        var result = await Gate.EvaluateAsync(await SubjectAsync("gate-other", "1.1", DateTime.UtcNow.AddMinutes(1)), default);

        Assert.False(result.Passed);
        Assert.Equal("No fairness evaluation of gate-other 1.1.", result.Reason);
    }

    [Fact]
    public async Task A_failing_latest_evaluation_fails_with_its_reason()
    {
        await engineer.ModelWithVersionAsync("gate-fail", "1.0");
        (await engineer.PostCsvAsync("gate-fail", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();
        (await engineer.PostCsvAsync("gate-fail", "1.0", FairnessRequests.Unfair)).EnsureSuccessStatusCode();

        var result = await Gate.EvaluateAsync(await SubjectAsync("gate-fail", "1.0", DateTime.UtcNow.AddMinutes(1)), default);

        Assert.False(result.Passed);
        Assert.Contains("sex=f are selected at 0.333 times the rate of sex=m", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passing_evaluation_older_than_the_tier_allows_fails()
    {
        await engineer.ModelWithVersionAsync("gate-old", "1.0");
        (await engineer.PostCsvAsync("gate-old", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();

        // The High tier's default policy accepts evaluations up to 90 days old.
        var fresh = await Gate.EvaluateAsync(await SubjectAsync("gate-old", "1.0", DateTime.UtcNow.AddDays(89)), default);
        var stale = await Gate.EvaluateAsync(await SubjectAsync("gate-old", "1.0", DateTime.UtcNow.AddDays(91)), default);

        Assert.True(fresh.Passed, fresh.Reason);
        Assert.False(stale.Passed);
        Assert.Contains("at most 90", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluation_made_after_the_moment_judged_does_not_count()
    {
        await engineer.ModelWithVersionAsync("gate-future", "1.0");
        (await engineer.PostCsvAsync("gate-future", "1.0", FairnessRequests.Fair)).EnsureSuccessStatusCode();

        var result = await Gate.EvaluateAsync(await SubjectAsync("gate-future", "1.0", DateTime.UtcNow.AddDays(-1)), default);

        Assert.False(result.Passed);
    }
}

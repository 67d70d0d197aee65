using MudBlazor.Services;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Web.Features.Fairness;

namespace Portal.Web.Tests.Features.Fairness;

/// <summary>The per-group table and the failure sentences, rendered from a real computation.</summary>
public sealed class FairnessEvaluationComponentTests : BunitContext, IAsyncLifetime
{
    // Women: 1 selected of 4 (no positive label among the last two), men: 3 of 4; group "x" has one row.
    private const string Predictions = "label,prediction,sex\n1,1,f\n0,0,f\n0,0,f\n0,0,f\n1,1,m\n0,1,m\n1,1,m\n0,0,m\n0,1,x\n";

    private static readonly FairnessResult Result = FairnessCalculator.Compute(
        new StringReader(Predictions), new FairnessMapping("label", "prediction", ["sex"]), minimumGroupSize: 2);

    public FairnessEvaluationComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services dispose only asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public void The_group_table_shows_rates_intervals_undefined_rates_and_small_groups()
    {
        var table = Render<FairnessGroupTable>(p => p.Add(c => c.Results, Result));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(4, rows.Count); // everyone, then f, m, x
        Assert.Contains("Everyone", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("0.250", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("–", rows[1].QuerySelector(".rate-interval")!.TextContent, StringComparison.Ordinal);
        var x = rows[3];
        Assert.Contains("sex=x", x.TextContent, StringComparison.Ordinal);
        Assert.NotNull(x.QuerySelector(".too-small"));
        Assert.Contains("no positive labels", x.QuerySelector(".rate-undefined")!.TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector(".too-small"));
    }

    [Fact]
    public void Each_failure_is_one_plain_sentence()
    {
        var verdict = FairnessJudgement.Judge(Result, FairnessPolicy.Default(RiskTier.High).Thresholds);

        var failures = Render<FairnessFailures>(p => p.Add(c => c.Failures, verdict.Failures).Add(c => c.Passed, verdict.Passed));

        var sentences = failures.FindAll(".fairness-failure");
        Assert.Equal(verdict.Failures.Count, sentences.Count);
        Assert.Contains("sex=f are selected at 0.25 times the rate of sex=x (0.25 vs 1); policy requires at least 0.8.", sentences[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(failures.FindAll("#fairness-passed"));
    }

    [Fact]
    public void A_passing_evaluation_says_so()
    {
        var failures = Render<FairnessFailures>(p => p.Add(c => c.Failures, []).Add(c => c.Passed, true).Add(c => c.RiskTier, RiskTier.Low).Add(c => c.PolicyVersion, 3));

        Assert.Contains("Passes the Low-tier fairness policy (version 3)", failures.Find("#fairness-passed").TextContent, StringComparison.Ordinal);
    }
}

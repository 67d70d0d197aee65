using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Outputs;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Outputs.AccessRequests;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Outputs;

/// <summary>Issue 16: "who accessed this output" for owners, Auditors, Compliance reviewers and Admins only; the out-of-range flag.</summary>
public sealed class OutputAccessLogTests(AccessRequestPortal outputs) : IClassFixture<AccessRequestPortal>
{
    [Fact]
    public async Task Owners_and_auditors_see_who_accessed_an_output_per_read_and_per_day_and_an_engineer_is_refused()
    {
        var (key, output) = await outputs.OutputAsync();
        var stranger = Engineer($"stranger-{key}");
        await ReadAsync(AccessRequestPortal.Owner(key), output.Id);
        await ReadAsync(stranger, output.Id);

        var page = await outputs.AccessLog.PageAsync(AccessRequestPortal.Auditor($"aud-{key}"), output.Id, 1, 10);
        var days = await outputs.AccessLog.PerDayAsync(AccessRequestPortal.Owner(key), output.Id);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => outputs.AccessLog.PageAsync(stranger, output.Id, 1, 10));

        Assert.Equal(2, page.TotalCount);
        Assert.Contains(page.Items, e => e.ActorName == $"Owner of {key}" && e.Allowed && e.Masked);
        Assert.Contains(page.Items, e => e.ActorName == stranger.Name && !e.Allowed && e.Refusal!.Contains("request access", StringComparison.Ordinal));
        Assert.Equal(OutputAccessLogService.ChartDays, days.Count);
        Assert.Equal((1, 1), (days[^1].Allowed, days[^1].Denied));
        Assert.Contains("owners, Auditors", refused.Message, StringComparison.Ordinal);
        Assert.Contains("access log of output", await outputs.Portal.LastDenialAsync(stranger.Id), StringComparison.Ordinal);
        Assert.False(await outputs.AccessLog.MaySeeAsync(stranger, output.Id));
    }

    [Fact]
    public async Task An_output_with_scores_outside_the_expected_range_raises_a_flag_with_the_count_and_an_example()
    {
        var (key, output) = await outputs.OutputAsync(rangeFinding: new ScoreRangeFinding(2, "row 2: score = 1.7"));
        var (inRangeKey, _) = await outputs.OutputAsync(rangeFinding: new ScoreRangeFinding(0, null));

        await outputs.Portal.App.Services.GetRequiredService<FlagScanner>().ScanAsync("test", default);

        await using var db = await outputs.DbAsync();
        var flag = await db.Flags.SingleAsync(f => f.ModelKey == key && f.Rule == OutOfRangeOutputsRule.RuleName && f.ResolvedAt == null);
        Assert.Contains("has 2 score values outside [0, 1]", flag.Detail, StringComparison.Ordinal);
        Assert.Contains("row 2: score = 1.7", flag.Detail, StringComparison.Ordinal);
        Assert.Contains($"/outputs/{output.Id}", flag.Detail, StringComparison.Ordinal);
        Assert.False(await db.Flags.AnyAsync(f => f.ModelKey == inRangeKey && f.Rule == OutOfRangeOutputsRule.RuleName));
    }

    private async Task ReadAsync(Actor actor, int outputId)
    {
        var (output, _, decision) = await outputs.Authorization.DecideAsync(actor, outputId, default);
        await outputs.Authorization.RecordAsync(actor, output, OutputReadChannel.Preview, null, decision, decision.Allowed ? 3 : 0, true, default);
    }
}

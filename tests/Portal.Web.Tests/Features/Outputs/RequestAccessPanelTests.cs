using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Outputs;
using Portal.Web.Features.Outputs.AccessRequests;
using Portal.Web.Tests.Features.Versions;

namespace Portal.Web.Tests.Features.Outputs;

public sealed class RequestAccessPanelTests : VersionsTestContext
{
    private const string Missing = "Confidential output: you need a grant";

    private async Task<int> OutputAsync(string key)
    {
        await RegisterModelAsync(key);
        var version = await RegisterVersionAsync(key, "1.0.0");
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var model = await db.Models.SingleAsync(m => m.Key == key);
        var versionId = await db.ModelVersions.Where(v => v.ModelId == model.Id && v.Label == version.Label).Select(v => v.Id).SingleAsync();
        var output = ModelOutput.Register(model.Id, key, versionId, "1.0.0",
            new("scores", null, DateTime.UtcNow, OutputClassification.Confidential, [new("customer", OutputColumnType.String, [OutputTags.Pii])], 1, null),
            OutputData.Referenced("s3://bucket/scores.csv", 1), "test", DateTime.UtcNow);
        db.ModelOutputs.Add(output);
        db.Actor = Arranger;
        await db.SaveChangesAsync();
        return output.Id;
    }

    [Fact]
    public async Task The_refused_reader_sees_why_asks_through_the_dialog_and_then_sees_the_request_waiting()
    {
        var outputId = await OutputAsync("panel-ask");

        var page = RenderWithProviders<RequestAccessPanel>(("OutputId", outputId), ("Missing", Missing));

        page.WaitForAssertion(() => Assert.Equal("Confidential output: you need a grant; ask for it with the Request access button.",
            page.Find("#output-refusal-sentence").TextContent));
        page.Find("#request-access").Click();
        page.WaitForElement("#request-purpose").Change("Investigate complaint 12.");
        page.Find("#request-days").Change("7");
        page.Find("#confirm-request").Click();

        page.WaitForAssertion(() => Assert.Contains("waiting for a decision", page.Find("#request-pending").TextContent, StringComparison.Ordinal));
        Assert.Equal("Confidential output: you need a grant.", page.Find("#output-refusal-sentence").TextContent);
        Assert.Empty(page.FindAll("#request-access"));
        var mine = (await Services.GetRequiredService<AccessRequestService>().ListAsync(CurrentActor, AccessRequestStatus.Pending)).Mine;
        var request = Assert.Single(mine);
        Assert.Equal(("Investigate complaint 12.", 7, false), (request.Purpose, request.WantedDays, request.WantsUnmasked));
    }

    [Fact]
    public async Task A_request_without_a_purpose_stays_in_the_dialog_with_the_problem_shown()
    {
        var outputId = await OutputAsync("panel-empty");

        var page = RenderWithProviders<RequestAccessPanel>(("OutputId", outputId), ("Missing", Missing));
        page.WaitForElement("#request-access").Click();
        page.WaitForElement("#confirm-request").Click();

        page.WaitForAssertion(() => Assert.Contains("Say why you need the data", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#request-pending"));
        Assert.Empty((await Services.GetRequiredService<AccessRequestService>().ListAsync(CurrentActor, null)).Mine);
    }
}

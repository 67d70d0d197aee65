using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Features.Versions;

namespace Portal.Web.Tests.Features.Versions;

public class VersionComparePageTests : VersionsTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0", auc: "0.81", learningRate: "0.1");
        await RegisterVersionAsync("credit-pd", "1.1.0", auc: "0.83", learningRate: "0.1", trainingHash: new string('a', 64));
    }

    private IRenderedComponent<VersionComparePage> RenderCompare(string? left, string? right)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["left"] = left, ["right"] = right }));
        var cut = Render<VersionComparePage>(p => p.Add(c => c.Key, "credit-pd"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#compare-left, #compare-problem")));
        return cut;
    }

    [Fact]
    public void Changed_metrics_are_highlighted_with_their_delta_and_unchanged_ones_are_not()
    {
        var cut = RenderCompare("1.0.0", "1.1.0");

        var auc = cut.Find("#compare-metrics tr[data-key='auc']");
        Assert.Contains("version-changed", auc.ClassName ?? "", StringComparison.Ordinal);
        Assert.Equal("+0.02", auc.QuerySelector(".delta")!.TextContent.Trim());
        Assert.DoesNotContain("version-changed", cut.Find("#compare-metrics tr[data-key='ks']").ClassName ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("version-changed", cut.Find("#compare-hyperparameters tr[data-key='learning_rate']").ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_training_data_rewritten_in_place_is_marked_as_a_content_change()
    {
        var cut = RenderCompare("1.0.0", "1.1.0");

        var hash = cut.Find("tr[data-dataset-hash='Training data']");
        Assert.Contains("version-changed", hash.ClassName ?? "", StringComparison.Ordinal);
        Assert.Contains("content changed", hash.TextContent, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), hash.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("version-changed", cut.Find("tr[data-dataset='Training data']").ClassName ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("version-changed", cut.Find("#compare-commit").ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_is_explained()
    {
        var cut = RenderCompare("1.0.0", "9.9.9");

        Assert.Equal("Model credit-pd has no version labelled '9.9.9'.", cut.Find("#compare-problem").TextContent.Trim());
    }

    [Fact]
    public void Missing_labels_say_how_to_pick_them()
    {
        var cut = RenderCompare(null, null);

        Assert.StartsWith("Pick two versions on the model's Versions tab", cut.Find("#compare-problem").TextContent.Trim(), StringComparison.Ordinal);
    }
}

using System.Text.Json;

namespace Portal.Cli.Tests.Fairness;

public sealed class FairnessComputeTests : IDisposable
{
    // Two features; the intersection m/y has no positive labels, so its true positive rate is undefined.
    private const string Predictions = "label,prediction,sex,band,w\n1,1,f,x,1\n0,1,f,x,3\n1,0,m,x,1\n0,0,m,y,2\n0,1,m,y,1\n1,1,m,x,2\n";

    private readonly string directory = Directory.CreateTempSubdirectory("portal-cli-fairness").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Prints_overall_groups_and_disparities_as_the_json_contract()
    {
        var (exitCode, output, _) = await Run(Write(Predictions), "--sensitive", "sex", "--weight", "w");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["overall", "groups", "disparities"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, root.GetProperty("overall").GetProperty("count").GetInt64());
        var female = root.GetProperty("groups")[0];
        Assert.Equal(
            ["features", "count", "selectionRate", "truePositiveRate", "falsePositiveRate", "falseNegativeRate", "accuracy"],
            female.EnumerateObject().Select(p => p.Name));
        Assert.Equal("f", female.GetProperty("features").GetProperty("sex").GetString());
        Assert.Equal(2, female.GetProperty("count").GetInt64());
        Assert.Equal(1.0, female.GetProperty("selectionRate").GetDouble());
        Assert.Equal(
            ["demographicParityDifference", "demographicParityRatio", "equalizedOddsDifference", "equalizedOddsRatio", "equalOpportunityDifference", "equalOpportunityRatio"],
            root.GetProperty("disparities").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Numbers_print_at_full_double_precision()
    {
        // Women: selected weight 1 of 3 = 1/3; men: selected 1 + 4 of 7 = 5/7. Both must round-trip exactly.
        var (_, output, _) = await Run(Write("label,prediction,sex,w\n1,1,f,1\n0,0,f,2\n0,1,m,1\n1,0,m,2\n1,1,m,4\n"), "--sensitive", "sex", "--weight", "w");

        using var json = JsonDocument.Parse(output);
        var female = json.RootElement.GetProperty("groups")[0];
        Assert.Equal(1.0 / 3, female.GetProperty("selectionRate").GetDouble()); // exact: round-trips bit for bit
        Assert.Contains("0.3333333333333333", output, StringComparison.Ordinal);
        Assert.Equal(5.0 / 7, json.RootElement.GetProperty("groups")[1].GetProperty("selectionRate").GetDouble());
    }

    [Fact]
    public async Task Undefined_values_are_null_and_intersections_are_groups()
    {
        var (exitCode, output, _) = await Run(Write(Predictions), "--sensitive", "sex", "--sensitive", "band");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var groups = json.RootElement.GetProperty("groups");
        Assert.Equal(3, groups.GetArrayLength());
        var menInY = groups.EnumerateArray().Single(g => g.GetProperty("features").GetProperty("band").GetString() == "y");
        Assert.Equal("m", menInY.GetProperty("features").GetProperty("sex").GetString());
        Assert.Equal(JsonValueKind.Null, menInY.GetProperty("truePositiveRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("disparities").GetProperty("equalOpportunityDifference").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("disparities").GetProperty("demographicParityRatio").ValueKind);
    }

    [Fact]
    public async Task A_missing_column_exits_non_zero_naming_it()
    {
        var (exitCode, output, error) = await Run(Write(Predictions), "--sensitive", "race");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("'race'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_label_exits_non_zero_with_its_row_number()
    {
        var (exitCode, _, error) = await Run(Write("label,prediction,sex\n1,1,f\n0,0,m\nyes,1,f\n"), "--sensitive", "sex");

        Assert.Equal(2, exitCode);
        Assert.Contains("Row 3", error, StringComparison.Ordinal);
        Assert.Contains("'label'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_exits_non_zero()
    {
        var (exitCode, _, error) = await Run(Write(""), "--sensitive", "sex");

        Assert.Equal(2, exitCode);
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_does_not_exist_exits_non_zero()
    {
        var (exitCode, _, error) = await Run(Path.Combine(directory, "absent.csv"), "--sensitive", "sex");

        Assert.Equal(2, exitCode);
        Assert.Contains("absent.csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_sensitive_column_it_exits_non_zero_with_usage()
    {
        var (exitCode, _, error) = await Run(Write(Predictions));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--sensitive", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_positive_value_is_honoured()
    {
        var (exitCode, output, _) = await Run(Write("label,prediction,sex\nhired,hired,f\nrejected,rejected,m\n"), "--sensitive", "sex", "--positive", "hired");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0.5, json.RootElement.GetProperty("overall").GetProperty("selectionRate").GetDouble());
    }

    private string Write(string csv)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(string file, params string[] more)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["fairness", "compute", "--file", file, "--label", "label", "--prediction", "prediction", .. more];
        var exitCode = await PortalCommandLine.InvokeAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}

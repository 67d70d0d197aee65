using System.CommandLine;
using System.Text;
using System.Text.Json;
using Portal.Domain.Fairness;

namespace Portal.Cli.Fairness;

/// <summary>
/// `fairness compute`: the portal's own computation, offline, so a pipeline sees exactly the figures the
/// portal will show before it uploads. Prints the <see cref="FairnessReport"/> JSON; a refused file exits 2
/// with the portal's message (row number, column name) on standard error.
/// </summary>
public static class FairnessCommand
{
    public const int InputRefused = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Option<FileInfo>("--file") { Description = "Predictions CSV with a header row.", Required = true };
        var label = new Option<string>("--label") { Description = "Column holding the true label.", Required = true };
        var prediction = new Option<string>("--prediction") { Description = "Column holding the predicted label.", Required = true };
        var sensitive = new Option<string[]>("--sensitive")
        {
            Description = "Sensitive feature column; repeat for intersections (each combination is a group).",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var weight = new Option<string?>("--weight") { Description = "Column holding sample weights (default: every row weighs 1)." };
        var positive = new Option<string>("--positive") { Description = "Label value of the positive outcome.", DefaultValueFactory = _ => "1" };
        var negative = new Option<string?>("--negative") { Description = "Label value of the negative outcome (default: the one other value in the file)." };

        var compute = new Command("compute", "Compute per-group metrics and disparities from a predictions file and print them as JSON.")
        {
            file, label, prediction, sensitive, weight, positive, negative,
        };
        compute.SetAction((parse, cancellationToken) =>
        {
            var mapping = new FairnessMapping(
                parse.GetValue(label)!,
                parse.GetValue(prediction)!,
                parse.GetValue(sensitive)!,
                parse.GetValue(weight),
                PositiveValue: parse.GetValue(positive)!,
                NegativeValue: parse.GetValue(negative));
            return Task.FromResult(Compute(parse.GetValue(file)!, mapping, output, error, cancellationToken));
        });

        return new Command("fairness", "Fairness evaluations of model predictions.") { compute };
    }

    private static int Compute(FileInfo file, FairnessMapping mapping, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(file.FullName, Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
            var result = FairnessCalculator.Compute(reader, mapping, cancellationToken: cancellationToken);
            output.WriteLine(JsonSerializer.Serialize(FairnessReport.From(result), Json));
            return 0;
        }
        catch (PredictionFileException refused)
        {
            error.WriteLine($"{file.Name}: {refused.Message}");
        }
        catch (IOException unreadable)
        {
            error.WriteLine($"Cannot read {file.FullName}: {unreadable.Message}");
        }
        catch (UnauthorizedAccessException denied)
        {
            error.WriteLine($"Cannot read {file.FullName}: {denied.Message}");
        }

        return InputRefused;
    }
}

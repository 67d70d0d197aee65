using Portal.Domain.Fairness;

namespace Portal.Domain.Tests.Fairness;

public class PredictionFileErrorTests
{
    private static readonly FairnessMapping Mapping = new("label", "prediction", ["sex"], "weight", PositiveValue: "1", NegativeValue: "0");

    private static PredictionFileException Refusal(string csv, FairnessMapping? mapping = null) =>
        Assert.Throws<PredictionFileException>(() => FairnessCalculator.Compute(new StringReader(csv), mapping ?? Mapping));

    [Fact]
    public void A_label_outside_the_positive_and_negative_values_is_refused_with_its_row()
    {
        var refusal = Refusal("label,prediction,sex,weight\n1,1,f,1\n0,0,m,1\n2,1,f,1\n");

        Assert.Equal(3, refusal.Row);
        Assert.Equal("label", refusal.Column);
        Assert.Contains("Row 3", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("'2'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_value_is_refused_when_the_negative_value_was_learned()
    {
        var refusal = Refusal("label,prediction,sex\nyes,no,f\nno,maybe,m\n", new FairnessMapping("label", "prediction", ["sex"], PositiveValue: "yes"));

        Assert.Equal(2, refusal.Row);
        Assert.Equal("prediction", refusal.Column);
        Assert.Contains("'no' (negative)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var refusal = Refusal("label,prediction,gender,weight\n1,1,f,1\n");

        Assert.Equal("sex", refusal.Column);
        Assert.Contains("'sex'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("gender", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void An_empty_file_is_refused(string csv) =>
        Assert.Contains("empty", Refusal(csv).Message, StringComparison.Ordinal);

    [Fact]
    public void A_header_without_rows_is_refused() =>
        Assert.Contains("no data rows", Refusal("label,prediction,sex,weight\n").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    public void A_bad_weight_is_refused_with_its_row(string weight)
    {
        var refusal = Refusal($"label,prediction,sex,weight\n1,1,f,1\n1,1,f,{weight}\n");

        Assert.Equal(2, refusal.Row);
        Assert.Equal("weight", refusal.Column);
    }

    [Fact]
    public void A_short_row_is_refused_with_its_row() =>
        Assert.Equal(2, Refusal("label,prediction,sex,weight\n1,1,f,1\n1,1\n").Row);

    [Fact]
    public void A_mapping_without_sensitive_columns_is_refused() =>
        Assert.Contains("sensitive", Refusal("label,prediction\n1,1\n", new FairnessMapping("label", "prediction", [])).Message, StringComparison.Ordinal);
}

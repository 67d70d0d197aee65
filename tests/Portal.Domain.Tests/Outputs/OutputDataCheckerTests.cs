using System.Text;
using Portal.Domain.Outputs;

namespace Portal.Domain.Tests.Outputs;

public class OutputDataCheckerTests
{
    private static long Check(OutputFormat format, string data, int chunk = 3)
    {
        var checker = new OutputDataChecker(format, OutputFixtures.Columns);
        var bytes = Encoding.UTF8.GetBytes(data);
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            checker.Observe(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }
        return checker.Complete();
    }

    [Fact]
    public void A_csv_whose_header_names_the_declared_columns_in_any_order_counts_its_rows_across_quoted_newlines()
    {
        var rows = Check(OutputFormat.Csv, "\uFEFFregion,id,email,account,note\r\nEU,1,a@x,1,\"two\nlines, one row\"\r\nUS,2,b@x,2,ok");

        Assert.Equal(2, rows);
    }

    [Theory]
    [InlineData("id,email,account,note\n1,a,b,c\n", "missing declared column(s) region")]
    [InlineData("id,email,account,note,region,ssn\n", "undeclared column(s) ssn")]
    [InlineData("id,email,account,note,region,id\n", "the column id twice")]
    public void A_csv_header_that_differs_from_the_schema_is_refused_naming_the_difference(string csv, string expected)
    {
        var refused = Assert.Throws<OutputDataException>(() => Check(OutputFormat.Csv, csv));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void A_json_lines_record_with_an_undeclared_field_is_refused_with_its_line()
    {
        var refused = Assert.Throws<OutputDataException>(() => Check(OutputFormat.JsonLines, "{\"id\":1,\"email\":\"a\"}\n{\"id\":2,\"ssn\":\"123\"}\n"));

        Assert.Equal("Line 2 has the field 'ssn', which is not a declared column; declare every column (with its tags) so that it is governed.", refused.Message);
    }

    [Fact]
    public void Json_lines_with_nested_values_and_blank_lines_count_their_records()
    {
        Assert.Equal(2, Check(OutputFormat.JsonLines, "{\"id\":1,\"note\":{\"a\":[1,2]}}\n\n{\"id\":2,\"region\":null}\n"));
    }

    [Theory]
    [InlineData("[1,2]\n", "Line 1 is not a JSON object.")]
    [InlineData("{\"id\":1}{\"id\":2}\n", "Line 1 is not valid JSON: ")]
    public void A_json_line_that_is_not_one_object_is_refused(string data, string expected)
    {
        Assert.StartsWith(expected, Assert.Throws<OutputDataException>(() => Check(OutputFormat.JsonLines, data)).Message);
    }

    [Fact]
    public void An_empty_csv_has_no_header_and_is_refused()
    {
        Assert.Contains("no header row", Assert.Throws<OutputDataException>(() => Check(OutputFormat.Csv, "")).Message);
    }
}

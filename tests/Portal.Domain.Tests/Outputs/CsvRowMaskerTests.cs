using System.Text;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using static Portal.Domain.Tests.Outputs.OutputFixtures;

namespace Portal.Domain.Tests.Outputs;

/// <summary>
/// The in-place CSV masker against the reference path it replaced for CSV (a CSV library reading text, masks made as strings,
/// rows written field by field): for awkward data, every decision and both output formats, the bytes must be the same, in
/// order and on several cores, whatever the chunk size.
/// </summary>
public class CsvRowMaskerTests
{
    private static readonly OutputMasking Masking = new(HashKey);

    public static TheoryData<string, string> Data => new()
    {
        { "plain", Csv },
        { "quotes, commas and line breaks inside fields", "id,email,account,note,region\n1,\"ann@example.com\",\"DE, 44\",\"said \"\"hi\"\"\nthen left\",EU\n2,\"\",\"\"\"\",x,\"US\"\n" },
        { "CRLF line ends and a byte-order mark", "\uFEFFid,email,account,note,region\r\n1,ann@example.com,DE445001,n,EU\r\n2,bob@example.com,US1234,m,US\r\n" },
        { "columns in another order, short rows, no final new line", "region,note,email,id,account\nEU,late,ann@example.com,1,DE445001\nUS\n,,,,\nEU,x,cy@example.com,3,12" },
        { "non-ASCII values and a last four that is not ASCII", "id,email,account,note,region\n1,zoë@example.com,ÄÖÜ€€€€,ñ,EU\n2,李@example.com,账户12345678,日本,EU\n" },
        { "numbers that are not numbers", "id,email,account,note,region\n007,a,1,b,EU\n+5,a,1,b,EU\nx,a,1,b,EU\n,,,,\n 3 ,a,1,b,EU\n" },
    };

    [Theory]
    [MemberData(nameof(Data))]
    public async Task Every_decision_reads_the_same_bytes_as_the_reference_path(string what, string csv)
    {
        var output = Output(OutputClassification.Confidential);
        foreach (var decision in Decisions(output))
        {
            foreach (var format in new[] { OutputFormat.Csv, OutputFormat.JsonLines })
            {
                var expected = await ReferenceAsync(output, decision, format, csv, 0, long.MaxValue);
                foreach (var settings in new[] { new CsvOutputCopier.Settings(16, 1), new CsvOutputCopier.Settings(7, 3), new CsvOutputCopier.Settings(1 << 20, 2) })
                {
                    var actual = await MaskedAsync(output, decision, format, csv, new RowWindow(0, long.MaxValue, readToEnd: true), settings);
                    Assert.True(expected.Bytes == actual.Bytes, $"{what}, {format}, {decision.Basis}, chunks of {settings.ChunkBytes} on {settings.Workers}:\n{expected.Bytes}\n---\n{actual.Bytes}");
                    Assert.Equal((expected.Written, expected.Matched), (actual.Written, actual.Matched));
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(1, 1, true)]
    [InlineData(1, 5, true)]
    [InlineData(2, 1, false)]
    public async Task A_page_of_rows_skips_takes_and_counts_as_the_reference_path(long skip, long take, bool readToEnd)
    {
        var output = Output(OutputClassification.Confidential);
        var csv = Data.Select(d => (string)d[1]).ElementAt(1);
        foreach (var decision in Decisions(output))
        {
            var expected = await ReferenceAsync(output, decision, OutputFormat.JsonLines, csv, skip, take, readToEnd);
            var actual = await MaskedAsync(output, decision, OutputFormat.JsonLines, csv, new RowWindow(skip, take, readToEnd), new CsvOutputCopier.Settings(16, 2));

            // Where the page ends the rest is not read, so only a page read to the end counts every row that passed the filter.
            Assert.Equal(readToEnd ? expected : expected with { Matched = 0 }, readToEnd ? actual : actual with { Matched = 0 });
        }
    }

    [Fact]
    public async Task Blank_lines_are_not_rows_as_the_upload_counted_them()
    {
        var output = Output(OutputClassification.Confidential);
        var decision = Decisions(output)[0];
        const string WithBlankLines = "id,email,account,note,region\r\n1,a,b,c,EU\r\n\r\n\n2,d,e,f,US\n\n";
        var checker = new OutputDataChecker(OutputFormat.Csv, output.Columns);
        checker.Observe(Encoding.UTF8.GetBytes(WithBlankLines));

        var read = await MaskedAsync(output, decision, OutputFormat.Csv, WithBlankLines, RowWindow.All, new CsvOutputCopier.Settings(16, 2));

        Assert.Equal(checker.Complete(), read.Written);
        Assert.Equal("id,email,account,note,region\n1,a,b,c,EU\n2,d,e,f,US\n", read.Bytes);
    }

    [Fact]
    public async Task A_row_filter_lets_only_its_rows_through_and_masks_the_rest_of_the_row()
    {
        var output = Output(OutputClassification.Restricted);
        var decision = OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, Reader("p", PortalRoles.Engineer),
            [Grant(1, GranteeKind.Person, "p", filter: new RowFilter("region", ["EU"]))], Now);

        var read = await MaskedAsync(output, decision, OutputFormat.Csv, Csv, RowWindow.All, CsvOutputCopier.Settings.Default);

        Assert.Equal((2L, 2L), (read.Written, read.Matched));
        Assert.DoesNotContain("ann@example.com", read.Bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", read.Bytes, StringComparison.Ordinal);
        Assert.Contains(Masking.Hash("cy@example.com"), read.Bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_csv_without_a_declared_column_is_refused()
    {
        var output = Output(OutputClassification.Public);
        var decision = OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, Reader("p", PortalRoles.Admin), [], Now);

        var problem = await Assert.ThrowsAsync<OutputDataException>(() =>
            MaskedAsync(output, decision, OutputFormat.Csv, "id,email\n1,a\n", RowWindow.All, CsvOutputCopier.Settings.Default));

        Assert.Equal("The stored CSV has no column 'account'.", problem.Message);
    }

    /// <summary>Everything but a refusal: all in clear, masked by policy, unmasked by a grant, hashed, nulled and row-limited.</summary>
    private static List<OutputDecision> Decisions(ModelOutput output)
    {
        var defaults = OutputPolicy.Default();
        var nulls = defaults.Next(defaults.Readers, [new TagMask(OutputTags.Pii, MaskingFunction.Null), new TagMask(OutputTags.Financial, MaskingFunction.LastFour)],
            "admin", "nulls", Now);
        var clear = defaults.Next(defaults.Readers, [], "admin", "nothing masked", Now);
        var reviewer = Reader("r", PortalRoles.ComplianceReviewer);
        var engineer = Reader("p", PortalRoles.Engineer);
        return
        [
            OutputAuthorizer.Decide(clear, output, Team, reviewer, [], Now),
            OutputAuthorizer.Decide(defaults, output, Team, reviewer, [], Now),
            OutputAuthorizer.Decide(defaults, output, Team, engineer, [Grant(1, GranteeKind.Person, "p")], Now),
            OutputAuthorizer.Decide(defaults, output, Team, engineer, [Grant(2, GranteeKind.Person, "p", GrantAccess.ReadUnmasked, [OutputTags.Pii])], Now),
            OutputAuthorizer.Decide(defaults, output, Team, engineer, [Grant(3, GranteeKind.Person, "p", filter: new RowFilter("region", ["EU"]))], Now),
            OutputAuthorizer.Decide(nulls, output, Team, engineer, [Grant(4, GranteeKind.Person, "p")], Now),
        ];
    }

    private static async Task<(string Bytes, long Written, long Matched)> ReferenceAsync(ModelOutput output, OutputDecision decision, OutputFormat format,
        string csv, long skip, long take, bool readToEnd = true)
    {
        using var source = await OutputRowSource.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), OutputFormat.Csv, output.Columns);
        using var destination = new MemoryStream();
        var (written, matched) = await new OutputRowCopier(output, decision, Masking)
            .CopyAsync(source, OutputRowWriter.For(format, destination, output.Columns), skip, take, readToEnd, CancellationToken.None);
        return (Encoding.UTF8.GetString(destination.ToArray()), written, matched);
    }

    private static async Task<(string Bytes, long Written, long Matched)> MaskedAsync(ModelOutput output, OutputDecision decision, OutputFormat format,
        string csv, RowWindow window, CsvOutputCopier.Settings settings)
    {
        using var destination = new MemoryStream();
        var (written, matched) = await new CsvOutputCopier(settings).CopyAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            header => CsvMaskingPlan.For(output, decision, Masking, header), format, destination, window, CancellationToken.None);
        return (Encoding.UTF8.GetString(destination.ToArray()), written, matched);
    }
}

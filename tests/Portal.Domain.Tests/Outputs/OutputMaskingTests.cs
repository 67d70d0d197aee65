using Portal.Domain.Outputs;

namespace Portal.Domain.Tests.Outputs;

public class OutputMaskingTests
{
    private readonly OutputMasking masking = new(OutputFixtures.HashKey);

    [Fact]
    public void Hashing_is_keyed_and_stable_so_joins_still_work()
    {
        var first = masking.Apply(MaskingFunction.Hash, "ann@example.com");

        Assert.Equal(first, masking.Apply(MaskingFunction.Hash, "ann@example.com"));
        Assert.NotEqual(first, masking.Apply(MaskingFunction.Hash, "bob@example.com"));
        Assert.NotEqual(first, new OutputMasking(new byte[32]).Apply(MaskingFunction.Hash, "ann@example.com"));
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.Equal(masking.Hash(new string('é', 600)), masking.Apply(MaskingFunction.Hash, new string('é', 600)));
    }

    [Theory]
    [InlineData(MaskingFunction.Redact, "secret", "***")]
    [InlineData(MaskingFunction.LastFour, "DE44500105175407324931", "***4931")]
    [InlineData(MaskingFunction.LastFour, "1234", "***")]
    [InlineData(MaskingFunction.Null, "anything", null)]
    public void Each_function_masks_as_documented(MaskingFunction function, string value, string? expected)
    {
        Assert.Equal(expected, masking.Apply(function, value));
    }

    [Fact]
    public async Task Json_lines_keep_numbers_as_numbers_and_masked_values_as_strings()
    {
        var output = OutputFixtures.Output(OutputClassification.Public);
        var decision = OutputAuthorizer.Decide(OutputPolicy.Default(), output, OutputFixtures.Team,
            OutputFixtures.Reader("r", Portal.Domain.Access.PortalRoles.Engineer), [], OutputFixtures.Now);
        using var source = await OutputRowSource.OpenAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(OutputFixtures.Csv)), OutputFormat.Csv, output.Columns);
        using var destination = new MemoryStream();

        await new OutputRowCopier(output, decision, masking).CopyAsync(source, OutputRowWriter.For(OutputFormat.JsonLines, destination, output.Columns), 1, 1, false,
            CancellationToken.None);

        var line = System.Text.Encoding.UTF8.GetString(destination.ToArray());
        Assert.Equal($"{{\"id\":2,\"email\":\"{masking.Hash("bob@example.com")}\",\"account\":\"***5678\",\"note\":\"***\",\"region\":\"US\"}}\n", line);
    }
}

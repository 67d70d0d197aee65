using Portal.Domain.Directory;

namespace Portal.Domain.Tests.Directory;

public class ScimFilterTests
{
    [Theory]
    [InlineData("userName eq \"grace@example.test\"", "userName", "grace@example.test")]
    [InlineData("USERNAME EQ \"Grace\"", "userName", "Grace")]
    [InlineData("externalId eq \"00u1ab\"", "externalId", "00u1ab")]
    [InlineData("  id   eq   \"42\"  ", "id", "42")]
    [InlineData("userName eq \"a \\\"quoted\\\" name\"", "userName", "a \"quoted\" name")]
    public void Parses_the_equality_filters_providers_send(string text, string attribute, string value)
    {
        var (filter, error) = ScimFilter.Parse(text);

        Assert.Null(error);
        Assert.Equal(new ScimFilter(attribute, value), filter);
    }

    [Theory]
    [InlineData("userName sw \"g\"")]
    [InlineData("displayName eq \"Grace\"")]
    [InlineData("userName eq grace")]
    [InlineData("userName eq \"a\" or userName eq \"b\"")]
    [InlineData("userName eq \"unterminated")]
    [InlineData("userName")]
    [InlineData("")]
    public void Refuses_everything_else_with_an_explanation(string text)
    {
        var (filter, error) = ScimFilter.Parse(text);

        Assert.Null(filter);
        Assert.Contains("userName eq \"value\"", error, StringComparison.Ordinal);
    }
}

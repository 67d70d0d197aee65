using Portal.Domain;

namespace Portal.Domain.Tests;

public class QueryTextTests
{
    [Theory]
    [InlineData("abc\0")]
    [InlineData("a\tb")]
    [InlineData("line\nbreak")]
    [InlineData("\r")]
    [InlineData("esc\u001b")]
    [InlineData("del\u007f")]
    public void Every_C0_control_and_DEL_is_refused_naming_the_parameter(string text)
    {
        Assert.True(QueryText.HasControlCharacter(text));
        Assert.Contains("'search'", QueryText.Problem("search", text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("credit risk: pd-v2 (ümlaut, 日本, emoji 🙂)")]
    [InlineData("\u0080 is a C1 control but not in query text's rule")]
    public void Printable_text_passes(string? text)
    {
        Assert.False(QueryText.HasControlCharacter(text));
        Assert.Null(QueryText.Problem("search", text));
    }
}

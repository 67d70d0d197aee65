using Portal.Domain.ApiContract;

namespace Portal.Domain.Tests.ApiContract;

public class EntityTagsTests
{
    [Fact]
    public void The_tag_is_the_revision_in_quotes() => Assert.Equal("\"17\"", EntityTags.Of(17));

    [Theory]
    [InlineData("\"4\"", 4)]
    [InlineData(" \"4\" ", 4)]
    [InlineData("W/\"12\"", 12)]
    public void A_tag_the_portal_issued_names_its_revision(string header, int revision)
    {
        Assert.True(EntityTags.TryParseRevision(header, out var parsed));
        Assert.Equal(revision, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("4")]
    [InlineData("\"4\", \"5\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"99999999999\"")]
    public void Anything_else_is_not_a_revision(string? header) => Assert.False(EntityTags.TryParseRevision(header, out _));
}

using Portal.Web.Features.Shared;

namespace Portal.Web.Tests.Features.Shared;

/// <summary>The last page is the largest whose row offset fits an int; a one-row page once overflowed it to a negative number.</summary>
public sealed class PagingTests
{
    [Theory]
    [InlineData(1, int.MaxValue)]
    [InlineData(2, 1_073_741_824)]
    [InlineData(200, 10_737_419)]
    public void The_last_page_is_the_largest_whose_offset_fits(int pageSize, int lastPage)
    {
        Assert.Equal(lastPage, Paging.LastPage(pageSize));
        Assert.True((long)(lastPage - 1) * pageSize <= int.MaxValue);
    }

    [Fact]
    public void A_first_page_of_one_row_is_answered()
    {
        Assert.Equal((1, 1), Paging.Normalize(1, 1));
    }
}

using Portal.Domain;
using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

public class AuditEntityIdsTests
{
    [Fact]
    public void An_id_that_fits_is_kept_as_it_is()
    {
        var id = new string('x', FieldLengths.Identity);

        Assert.Same(id, AuditEntityIds.Bounded(id));
    }

    [Fact]
    public void A_longer_id_fits_the_column_keeps_its_beginning_and_is_the_same_every_time()
    {
        var id = "release-7:" + new string('s', 300);

        var bounded = AuditEntityIds.Bounded(id);

        Assert.Equal(FieldLengths.Identity, bounded.Length);
        Assert.StartsWith("release-7:sss", bounded, StringComparison.Ordinal);
        Assert.Equal(bounded, AuditEntityIds.Bounded(string.Concat("release-7:", new string('s', 300))));
    }

    [Fact]
    public void Two_long_ids_that_differ_only_at_their_ends_stay_apart()
    {
        var stem = new string('s', 300);

        Assert.NotEqual(AuditEntityIds.Bounded(stem + "a"), AuditEntityIds.Bounded(stem + "b"));
    }
}

using Portal.Web.Features.AuditTrail;

namespace Portal.Web.Tests.Features.AuditTrail;

/// <summary>The trail reads as words: actions, field names and times as a person says them, one time format.</summary>
public class AuditWordsTests
{
    [Theory]
    [InlineData("Model.Registered", "Model registered")]
    [InlineData("ServiceToken.Used", "Service token used")]
    [InlineData("Access.Denied", "Access denied")]
    [InlineData("Version.StageChanged", "Version stage changed")]
    [InlineData("AuditTrail.Exported", "Audit trail exported")]
    public void Actions_read_as_a_sentence(string action, string words) => Assert.Equal(words, AuditWords.Action(action));

    [Theory]
    [InlineData("RiskTier", "Risk tier")]
    [InlineData("revalidationDueAt", "Revalidation due at")]
    [InlineData("Sha256", "SHA-256")]
    [InlineData("IsManager", "Is manager")]
    [InlineData("TPR", "TPR")]
    [InlineData("ResultsSha256", "Results SHA-256")]
    public void Field_names_read_as_words(string field, string words) => Assert.Equal(words, AuditWords.Field(field));

    [Theory]
    [InlineData("2026-11-05T10:22:33.1234567Z", "2026-11-05 10:22:33 UTC")]
    [InlineData("2026-11-05T12:22:33+02:00", "2026-11-05 10:22:33 UTC")]
    [InlineData("2026-11-05T10:22:33", "2026-11-05 10:22:33 UTC")]
    [InlineData("release 2026-11-05", "release 2026-11-05")]
    [InlineData("High", "High")]
    public void Recorded_times_read_in_the_one_format_and_other_values_stay(string value, string shown) => Assert.Equal(shown, AuditWords.Value(value));

    [Fact]
    public void A_change_lists_only_the_fields_that_changed_and_a_creation_counts_its_values()
    {
        const string before = """{"Name":"A","RiskTier":"Low","Team":"X","Revision":1,"Tags":"a"}""";
        const string after = """{"Name":"A","RiskTier":"High","Team":"Y","Revision":2,"Tags":"b"}""";

        Assert.Equal("Risk tier, Team, Revision and 1 more", AuditChange.Summary(before, after));
        Assert.Equal("5 values recorded", AuditChange.Summary(null, after));
    }

    [Fact]
    public void The_databases_record_numbers_are_not_shown()
    {
        var shown = AuditChange.Recorded(null, """{"ModelId":12,"VersionId":3,"ActorId":"demo-eric","Label":"1.0"}""").Select(c => c.Field);

        Assert.Equal(["ActorId", "Label"], shown);
    }
}

using Portal.Web.Features.AuditTrail;

namespace Portal.Web.Tests.Features.AuditTrail;

/// <summary>The trail shows what changed inside owned records, not just that the revision moved.</summary>
public class AuditChangesTests : BunitContext
{
    private const string MembersBefore = """{"Revision":2,"Members":[{"Subject":"eric","Name":"Eric","IsManager":true},{"Subject":"mona","Name":"Mona","IsManager":false},{"Subject":"rita","Name":"Rita","IsManager":false}]}""";
    private const string MembersAfter = """{"Revision":3,"Members":[{"Subject":"eric","Name":"Eric","IsManager":true},{"Subject":"mona","Name":"Mona","IsManager":true},{"Subject":"alice","Name":"Alice","IsManager":true}]}""";

    [Fact]
    public void Member_changes_read_as_added_removed_and_changed()
    {
        var cut = Render<AuditChanges>(p => p.Add(c => c.Before, MembersBefore).Add(c => c.After, MembersAfter));

        var members = cut.FindAll("tr").Single(r => r.QuerySelector("th")!.TextContent == "Members");
        var lines = members.QuerySelectorAll("td.nested div").Select(d => d.TextContent).ToList();
        Assert.Equal(["Mona: Is manager false → true", "added Alice (Manager)", "removed Rita"], lines);
        Assert.Contains(cut.FindAll("tr"), r => r.TextContent.Contains("Revision", StringComparison.Ordinal) && r.TextContent.Contains('3', StringComparison.Ordinal));
    }

    [Fact]
    public void A_registered_versions_lineage_is_listed_readably()
    {
        const string after = """{"Label":"1.0","TrainingData":{"Uri":"s3://train","Sha256":"abc123"},"Hyperparameters":[{"Key":"learning_rate","Type":"number","Value":"0.1"}],"Metrics":[]}""";

        var cut = Render<AuditChanges>(p => p.Add(c => c.After, after));

        Assert.Contains("Address: s3://train, SHA-256: abc123", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("added learning_rate (number, 0.1)", cut.Markup, StringComparison.Ordinal);
    }
}

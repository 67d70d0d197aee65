using Portal.Web.Features.AuditTrail;

namespace Portal.Web.Tests.Features.AuditTrail;

/// <summary>A filtered export names its filter in the file name and says first that it cannot be verified alone.</summary>
public class AuditCsvTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 6, 42, 0, DateTimeKind.Utc);

    [Fact]
    public void The_file_name_names_the_filter_in_file_name_characters()
    {
        var query = new AuditTrailQuery(ModelKey: "credit-default-pd", Actor: "Rita Reviewer", Action: "Model.Registered",
            From: new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal("audit-trail-model-credit-default-pd-actor-Rita_Reviewer-action-Model.Registered-from-2026-11-01T00-00Z-20261202-064200.csv",
            AuditCsv.FileName(query, Now));
    }

    [Fact]
    public void A_file_name_cannot_carry_a_path_or_a_quote()
    {
        var name = AuditCsv.FileName(new AuditTrailQuery(ModelKey: "../\"x\";\r\nrm"), Now);

        Assert.Matches("^[A-Za-z0-9._-]+$", name);
        Assert.DoesNotContain("/", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_filtered_export_carries_the_note()
    {
        Assert.Null(AuditCsv.FilteredNote(new AuditTrailQuery()));
        var note = AuditCsv.FilteredNote(new AuditTrailQuery(Action: "Access."));
        Assert.StartsWith("# Filtered export (action Access.)", note, StringComparison.Ordinal);
        Assert.Contains("cannot be verified alone", note, StringComparison.Ordinal);
    }
}

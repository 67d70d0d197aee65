using Portal.Domain.Documents;

namespace Portal.Domain.Tests.Documents;

public sealed class DocumentRulesTests
{
    private static readonly DocumentDetails Valid = new("Validation report Q1", "Back-test on the 2026 holdout.\nSigned by the validation team.",
        DocumentKind.ValidationReport, "1.1.0");

    [Fact]
    public void Valid_details_have_no_problem() => Assert.Empty(DocumentRules.Validate(Valid));

    [Theory]
    [InlineData(null, "title")]
    [InlineData("   ", "title")]
    [InlineData("Report\0", "title")]
    [InlineData("Report\nsecond line", "title")]
    public void A_title_is_one_line_of_printable_text(string? title, string field)
    {
        Assert.Contains(field, DocumentRules.Validate(Valid with { Title = title }).Keys);
    }

    [Fact]
    public void Oversize_metadata_names_each_field()
    {
        var errors = DocumentRules.Validate(Valid with
        {
            Title = new string('t', DocumentRules.TitleMaxLength + 1),
            Description = new string('d', DocumentRules.DescriptionMaxLength + 1),
            VersionLabel = new string('v', Portal.Domain.Versions.VersionRules.LabelMaxLength + 1),
        });

        Assert.Equal(["description", "title", "version"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_description_keeps_line_breaks_but_no_other_control_character()
    {
        Assert.Empty(DocumentRules.Validate(Valid with { Description = "line one\r\n\tline two" }));
        Assert.Contains("description", DocumentRules.Validate(Valid with { Description = "bell \u0007" }).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData((DocumentKind)42)]
    public void A_kind_is_required_and_known(DocumentKind? kind)
    {
        Assert.Equal([DocumentRules.KindMessage], DocumentRules.Validate(Valid with { Kind = kind })["kind"]);
    }

    [Theory]
    [InlineData("validationreport", DocumentKind.ValidationReport)]
    [InlineData("DataSheet", DocumentKind.DataSheet)]
    [InlineData("3", null)]
    [InlineData("Manifesto", null)]
    [InlineData(null, null)]
    public void Kinds_parse_by_name_in_any_case_never_by_number(string? text, DocumentKind? expected)
    {
        Assert.Equal(expected, DocumentRules.ParseKind(text));
    }

    [Theory]
    [InlineData(@"C:\Users\eric\Desktop\report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(" data sheet.csv ", "data sheet.csv")]
    public void The_kept_file_name_is_the_last_path_segment(string sent, string kept)
    {
        Assert.Equal(kept, DocumentRules.FileNameOf(sent));
    }

    [Theory]
    [InlineData("report\u202Efdp.exe")]
    [InlineData("report\u2066.pdf")]
    [InlineData("report\n.pdf")]
    [InlineData("")]
    public void A_file_name_with_controls_or_direction_overrides_is_refused(string name)
    {
        Assert.NotNull(DocumentRules.FileNameProblem(name));
    }

    [Theory]
    [InlineData("report.pdf", DocumentFileType.Pdf, "report.pdf")]
    [InlineData("REPORT.PDF", DocumentFileType.Pdf, "REPORT.PDF")]
    [InlineData("report.exe", DocumentFileType.Pdf, "report.exe.pdf")]
    [InlineData("photo.jpeg", DocumentFileType.Jpeg, "photo.jpeg")]
    [InlineData("notes", DocumentFileType.Text, "notes.txt")]
    public void A_download_is_named_for_what_it_is(string fileName, DocumentFileType type, string expected)
    {
        Assert.Equal(expected, DocumentFileTypes.DownloadName(fileName, type));
    }

    [Fact]
    public void A_withdrawn_document_can_be_neither_described_nor_withdrawn_again()
    {
        var document = ModelDocument.Attach(new DocumentSubject(1, "credit-pd", null, null), Valid,
            new StoredFile("report.pdf", DocumentFileType.Pdf, 10, new string('a', 64), new string('b', 32)), "sub-eric", "Eric", DateTime.UtcNow);
        document.Withdraw("Superseded by the Q2 report.", "Eric", DateTime.UtcNow);

        Assert.Throws<InvalidOperationException>(() => document.Withdraw("again", "Eric", DateTime.UtcNow));
        Assert.Throws<InvalidOperationException>(() => document.Describe(new DocumentSubject(1, "credit-pd", null, null), Valid, "Eric", DateTime.UtcNow));
        Assert.Equal(2, document.Revision);
    }
}

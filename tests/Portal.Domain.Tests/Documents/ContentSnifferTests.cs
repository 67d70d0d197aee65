using System.Text;
using Portal.Domain.Documents;

namespace Portal.Domain.Tests.Documents;

/// <summary>The allow-list by content: each allowed type from real minimal bytes, and each disguise refused, named as what it is.</summary>
public sealed class ContentSnifferTests
{
    private static SniffResult Sniff(byte[] bytes, string fileName) => ContentSniffer.Sniff(new MemoryStream(bytes), fileName);

    public static TheoryData<string, string, DocumentFileType> Allowed() => new()
    {
        { nameof(DocumentSamples.Pdf), "validation.pdf", DocumentFileType.Pdf },
        { nameof(DocumentSamples.Png), "roc-curve.png", DocumentFileType.Png },
        { nameof(DocumentSamples.Jpeg), "whiteboard.jpg", DocumentFileType.Jpeg },
        { nameof(DocumentSamples.Docx), "risk-assessment.docx", DocumentFileType.Docx },
        { nameof(DocumentSamples.Xlsx), "backtest.xlsx", DocumentFileType.Xlsx },
        { nameof(DocumentSamples.Pptx), "committee.pptx", DocumentFileType.Pptx },
        { nameof(DocumentSamples.Csv), "data-sheet.csv", DocumentFileType.Csv },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Each_allowed_type_is_recognised_by_its_content(string sample, string fileName, DocumentFileType expected)
    {
        var result = Sniff(Bytes(sample), fileName);

        Assert.True(result.IsAllowed, result.Refusal);
        Assert.Equal(expected, result.Type);
    }

    [Theory]
    [InlineData(nameof(DocumentSamples.Pdf), DocumentFileType.Pdf)]
    [InlineData(nameof(DocumentSamples.Docx), DocumentFileType.Docx)]
    [InlineData(nameof(DocumentSamples.Png), DocumentFileType.Png)]
    public void The_name_does_not_decide_the_type(string sample, DocumentFileType expected)
    {
        Assert.Equal(expected, Sniff(Bytes(sample), "harmless.txt").Type);
    }

    public static TheoryData<string, string, string> Refused() => new()
    {
        { nameof(DocumentSamples.WindowsExecutable), "report.pdf", "a Windows executable (MZ)" },
        { nameof(DocumentSamples.ElfExecutable), "data-sheet.csv", "an ELF executable" },
        { nameof(DocumentSamples.MachOExecutable), "figure.png", "a Mach-O executable" },
        { nameof(DocumentSamples.ShellScript), "notes.txt", "a script (#!)" },
        { nameof(DocumentSamples.Html), "validation.pdf", "an HTML page" },
        { nameof(DocumentSamples.Svg), "chart.png", "an SVG image (markup)" },
        { nameof(DocumentSamples.PlainZip), "report.docx", "a ZIP archive (not a Word, Excel or PowerPoint document)" },
        { nameof(DocumentSamples.DocxWithoutItsMainPart), "report.docx", "a ZIP archive (not a Word, Excel or PowerPoint document)" },
        { nameof(DocumentSamples.Docm), "report.docx", "a macro-enabled Office document" },
        { nameof(DocumentSamples.TextWithNul), "notes.txt", "binary data (it holds a NUL byte)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_disguised_file_is_refused_naming_what_it_is(string sample, string fileName, string detected)
    {
        var result = Sniff(Bytes(sample), fileName);

        Assert.False(result.IsAllowed);
        Assert.Null(result.Type);
        Assert.Equal(detected, result.Detected);
        Assert.StartsWith($"The file's content is {detected}, which is not allowed", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_a_script()
    {
        Assert.Equal("a script (#!)", Sniff([0xEF, 0xBB, 0xBF, .. DocumentSamples.ShellScript()], "notes.md").Detected);
    }

    [Theory]
    [InlineData("notes.md", DocumentFileType.Markdown)]
    [InlineData("notes.markdown", DocumentFileType.Markdown)]
    [InlineData("notes.csv", DocumentFileType.Csv)]
    [InlineData("notes.txt", DocumentFileType.Text)]
    [InlineData("notes", DocumentFileType.Text)]
    [InlineData("notes.pdf", DocumentFileType.Text)]
    public void Text_is_text_and_its_name_only_says_which_kind(string fileName, DocumentFileType expected)
    {
        var bytes = Encoding.UTF8.GetBytes("# Caveats\r\n\tScores drift in winter; see the résumé of 2025 — ✓.\n");

        Assert.Equal(expected, Sniff(bytes, fileName).Type);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0x1B, (byte)'[', (byte)'2', (byte)'J' }, "text with a control character (U+001B) near byte 0")]
    [InlineData(new byte[] { (byte)'a', 0xC2, 0x85 }, "text with a control character (U+0085) near byte 0")]
    [InlineData(new byte[] { (byte)'a', 0xC3, 0x28 }, "binary data (not UTF-8 text)")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0x00 }, "binary data (not UTF-8 text)")]
    [InlineData(new byte[0], "empty (0 bytes)")]
    public void Text_with_controls_other_than_tab_cr_lf_or_that_is_not_utf8_is_refused(byte[] bytes, string detected)
    {
        Assert.Equal(detected, Sniff(bytes, "notes.txt").Detected);
    }

    [Fact]
    public void A_control_character_after_the_first_chunk_is_found()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('é', 70_000) + "\u0007");

        Assert.StartsWith("text with a control character (U+0007)", Sniff(bytes, "notes.txt").Detected, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_recognised_by_parsing_it_even_past_one_read_buffer()
    {
        var json = "{\"metrics\":[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"{{\"auc\":0.{i}}}")) + "],\"note\":\"" + new string('x', 200_000) + "\"}";

        Assert.Equal(DocumentFileType.Json, Sniff(Encoding.UTF8.GetBytes(json), "metrics.txt").Type);
    }

    [Theory]
    [InlineData("{\"auc\": 0.81, \"groups\": [\"f\", \"m\"]}\n")]
    [InlineData("\uFEFF[1, 2, 3]")]
    public void A_small_json_document_is_json(string text)
    {
        Assert.Equal(DocumentFileType.Json, Sniff(Encoding.UTF8.GetBytes(text), "metrics.txt").Type);
    }

    [Theory]
    [InlineData("{\"auc\": 0.81")]
    [InlineData("[1, 2] trailing")]
    [InlineData("[link](https://example.com) to the report")]
    public void Text_that_only_starts_like_json_is_plain_text(string text)
    {
        Assert.Equal(DocumentFileType.Text, Sniff(Encoding.UTF8.GetBytes(text), "metrics.json").Type);
    }

    [Fact]
    public void A_damaged_zip_is_refused()
    {
        var bytes = DocumentSamples.Docx()[..40];

        Assert.Equal("a damaged ZIP archive", Sniff(bytes, "report.docx").Detected);
    }

    private static byte[] Bytes(string sample) => (byte[])typeof(DocumentSamples).GetMethod(sample)!.Invoke(null, null)!;
}

namespace Portal.Domain.Documents;

/// <summary>The file types a document may have: the allow-list, each recognised by its content (<see cref="ContentSniffer"/>).</summary>
public enum DocumentFileType
{
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Pptx,
    Csv,
    Text,
    Markdown,
    Json,
}

/// <summary>How each allowed type is named, served and saved.</summary>
public static class DocumentFileTypes
{
    private sealed record Info(string Name, string MediaType, string[] Extensions);

    private static readonly Dictionary<DocumentFileType, Info> Types = new()
    {
        [DocumentFileType.Pdf] = new("PDF", "application/pdf", [".pdf"]),
        [DocumentFileType.Png] = new("PNG image", "image/png", [".png"]),
        [DocumentFileType.Jpeg] = new("JPEG image", "image/jpeg", [".jpg", ".jpeg"]),
        [DocumentFileType.Docx] = new("Word document (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]),
        [DocumentFileType.Xlsx] = new("Excel workbook (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]),
        [DocumentFileType.Pptx] = new("PowerPoint presentation (PPTX)", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]),
        [DocumentFileType.Csv] = new("CSV", "text/csv; charset=utf-8", [".csv"]),
        [DocumentFileType.Text] = new("plain text", "text/plain; charset=utf-8", [".txt"]),
        [DocumentFileType.Markdown] = new("Markdown", "text/markdown; charset=utf-8", [".md", ".markdown"]),
        [DocumentFileType.Json] = new("JSON", "application/json", [".json"]),
    };

    /// <summary>Words for people: "PDF", "Word document (DOCX)".</summary>
    public static string Name(DocumentFileType type) => Types[type].Name;

    /// <summary>The Content-Type a download is served with: the detected type's, never what the uploader said.</summary>
    public static string MediaType(DocumentFileType type) => Types[type].MediaType;

    /// <summary>The allow-list in words, for messages and the upload dialog.</summary>
    public static string AllowedList => "PDF, PNG, JPEG, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), CSV, plain text, Markdown or JSON";

    /// <summary>
    /// The name a download is saved under: the original name when its extension fits the detected type, otherwise the
    /// original name with the type's extension added, so that a file always opens in a program for what it really is.
    /// </summary>
    public static string DownloadName(string fileName, DocumentFileType type)
    {
        var extensions = Types[type].Extensions;
        return extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? fileName : fileName + extensions[0];
    }

    /// <summary>Text is one family by content; the name only says which kind of text (CSV, Markdown, otherwise plain).</summary>
    public static DocumentFileType TextTypeFor(string? fileName) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".csv" => DocumentFileType.Csv,
            ".md" or ".markdown" => DocumentFileType.Markdown,
            _ => DocumentFileType.Text,
        };
}

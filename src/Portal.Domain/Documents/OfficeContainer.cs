using System.IO.Compression;
using System.Xml;

namespace Portal.Domain.Documents;

/// <summary>
/// A ZIP file passes only as an Office Open XML document: its [Content_Types].xml declares the main part of a Word, Excel or
/// PowerPoint document and that part is in the archive. Macro-enabled documents and other archives are refused. Only the
/// archive's directory and [Content_Types].xml (up to 1 MB unpacked) are read, so a compression bomb costs nothing.
/// </summary>
internal static class OfficeContainer
{
    private const int MaxEntries = 20_000;
    private const int MaxContentTypesBytes = 1024 * 1024;

    private static readonly (DocumentFileType Type, string Folder, string MainContentType)[] MainParts =
    [
        (DocumentFileType.Docx, "word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        (DocumentFileType.Xlsx, "xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        (DocumentFileType.Pptx, "ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
    ];

    public static SniffResult Inspect(Stream content)
    {
        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                return SniffResult.Refused($"a ZIP archive of more than {MaxEntries:N0} files");
            }
            if (zip.GetEntry("[Content_Types].xml") is not { } manifest)
            {
                return SniffResult.Refused("a ZIP archive (not a Word, Excel or PowerPoint document)");
            }
            var declared = ContentTypes(manifest);
            if (declared.Any(d => d.ContentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                || zip.Entries.Any(e => e.Name.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return SniffResult.Refused("a macro-enabled Office document");
            }
            foreach (var (type, folder, mainContentType) in MainParts)
            {
                var main = declared.FirstOrDefault(d => d.ContentType == mainContentType && d.PartName is not null && d.PartName.StartsWith("/" + folder, StringComparison.Ordinal));
                if (main.PartName is not null && zip.GetEntry(main.PartName[1..]) is not null)
                {
                    return SniffResult.Allowed(type);
                }
            }
            return SniffResult.Refused("a ZIP archive (not a Word, Excel or PowerPoint document)");
        }
        catch (Exception broken) when (broken is InvalidDataException or XmlException or IOException)
        {
            return SniffResult.Refused("a damaged ZIP archive");
        }
    }

    /// <summary>The Override parts and the Default content types the manifest declares.</summary>
    private static List<(string? PartName, string ContentType)> ContentTypes(ZipArchiveEntry manifest)
    {
        if (manifest.Length > MaxContentTypesBytes)
        {
            throw new InvalidDataException("[Content_Types].xml is implausibly large.");
        }
        using var stream = manifest.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxContentTypesBytes,
        });
        var declared = new List<(string? PartName, string ContentType)>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "Override" or "Default" && reader.GetAttribute("ContentType") is { } contentType)
            {
                declared.Add((reader.LocalName == "Override" ? reader.GetAttribute("PartName") : null, contentType));
            }
        }
        return declared;
    }
}

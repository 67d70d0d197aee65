using System.Text;

namespace Portal.Domain.Documents;

/// <summary>
/// Recognises a file by its content (magic bytes, the parts inside an Office container, the text itself), never by its name
/// or the Content-Type the uploader sent. Only the allow-list passes; executables, scripts, markup and anything unknown are
/// refused, named as what they are.
/// </summary>
public static class ContentSniffer
{
    private const int HeadLength = 64;

    private static readonly (byte[] Magic, string Detected)[] Refused =
    [
        ("MZ"u8.ToArray(), "a Windows executable (MZ)"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an ELF executable"),
        ([0xFE, 0xED, 0xFA, 0xCE], "a Mach-O executable"),
        ([0xFE, 0xED, 0xFA, 0xCF], "a Mach-O executable"),
        ([0xCE, 0xFA, 0xED, 0xFE], "a Mach-O executable"),
        ([0xCF, 0xFA, 0xED, 0xFE], "a Mach-O executable"),
        ([0xCA, 0xFE, 0xBA, 0xBE], "a Mach-O universal binary or Java class"),
        ("#!"u8.ToArray(), "a script (#!)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "a legacy Office file (OLE2), which can carry macros"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0x1F, 0x8B], "a gzip archive"),
        ("Rar!"u8.ToArray(), "a RAR archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        ([0x00, (byte)'a', (byte)'s', (byte)'m'], "a WebAssembly module"),
        ("PK\u0005\u0006"u8.ToArray(), "an empty ZIP archive"),
    ];

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Sniffs <paramref name="content"/> (seekable; read from its start). <paramref name="fileName"/> only says which kind of text a text file is.</summary>
    public static SniffResult Sniff(Stream content, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        var buffer = new byte[HeadLength];
        var head = buffer.AsSpan(0, content.ReadAtLeast(buffer, HeadLength, throwOnEndOfStream: false));
        if (head.IsEmpty)
        {
            return SniffResult.Refused("empty (0 bytes)");
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return SniffResult.Allowed(DocumentFileType.Pdf);
        }
        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffResult.Allowed(DocumentFileType.Png);
        }
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return SniffResult.Allowed(DocumentFileType.Jpeg);
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return OfficeContainer.Inspect(content);
        }
        var unmarked = head.StartsWith(Utf8Bom) ? head[Utf8Bom.Length..] : head;
        foreach (var (magic, detected) in Refused)
        {
            if (unmarked.StartsWith(magic))
            {
                return SniffResult.Refused(detected);
            }
        }
        return SniffText(content, fileName);
    }

    private static SniffResult SniffText(Stream content, string? fileName)
    {
        if (TextProblem(content) is { } problem)
        {
            return SniffResult.Refused(problem);
        }
        var first = FirstVisibleCharacter(content);
        if (first == '<')
        {
            return SniffResult.Refused(MarkupName(content));
        }
        if (first is '{' or '[' && JsonText.IsValid(content))
        {
            return SniffResult.Allowed(DocumentFileType.Json);
        }
        return SniffResult.Allowed(DocumentFileTypes.TextTypeFor(fileName));
    }

    /// <summary>Null for valid UTF-8 without NUL or control characters other than tab, CR and LF; otherwise what the content is instead.</summary>
    private static string? TextProblem(Stream content)
    {
        content.Position = 0;
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[bytes.Length + 1];
        long offset = 0;
        int read;
        do
        {
            read = content.Read(bytes);
            int decoded;
            try
            {
                decoded = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
            }
            catch (DecoderFallbackException)
            {
                return "binary data (not UTF-8 text)";
            }
            var control = chars.AsSpan(0, decoded).IndexOfAny(RefusedControls);
            if (control >= 0)
            {
                return chars[control] == '\0'
                    ? "binary data (it holds a NUL byte)"
                    : $"text with a control character (U+{(int)chars[control]:X4}) near byte {offset:N0}";
            }
            offset += read;
        }
        while (read > 0);
        return null;
    }

    /// <summary>C0 controls other than tab, CR and LF, DEL, and C1 controls.</summary>
    private static readonly System.Buffers.SearchValues<char> RefusedControls = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'))]);

    private static char? FirstVisibleCharacter(Stream content)
    {
        content.Position = 0;
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        int next;
        while ((next = reader.Read()) >= 0)
        {
            if (!char.IsWhiteSpace((char)next))
            {
                return (char)next;
            }
        }
        return null;
    }

    /// <summary>Markup would render as a page or an image in a browser; it is refused whatever the name says.</summary>
    private static string MarkupName(Stream content)
    {
        content.Position = 0;
        var start = new char[4096];
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var text = new string(start, 0, reader.ReadBlock(start)).ToLowerInvariant();
        return text.Contains("<svg", StringComparison.Ordinal) ? "an SVG image (markup)"
            : text.Contains("<html", StringComparison.Ordinal) || text.Contains("<!doctype html", StringComparison.Ordinal)
                || text.Contains("<script", StringComparison.Ordinal) ? "an HTML page"
            : "HTML or XML markup";
    }
}

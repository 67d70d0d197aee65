using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Humanizer;
using Portal.Domain.EvidencePackages;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence;

/// <summary>
/// <c>summary.html</c>: one self-contained page (inline style, no script, nothing fetched) that a person reads first: the model,
/// the range, who built the package and when, each part's few lines, every file, and how to verify. Every text is HTML-encoded.
/// </summary>
public static class EvidenceSummary
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
        + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        + "code{overflow-wrap:anywhere}";

    public static string Render(EvidenceScope scope, IReadOnlyList<SummarySection> sections, IReadOnlyList<ManifestFile> files)
    {
        var html = new StringBuilder();
        var model = scope.Model;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Encode($"Evidence package: {model.Key}")).Append("</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(Encode($"Evidence package: {model.Name} ({model.Key})")).Append("</h1>\n<ul>")
            .Append(Item("Range", Range(scope)))
            .Append(Item("Version", scope.VersionLabel ?? "all versions"))
            .Append(Item("Built", $"{PortalFormat.Timestamp(scope.GeneratedAt)} by {scope.Actor.Name}"))
            .Append(Item("Audit chain head", $"event {scope.ChainHead.Sequence}, hash {scope.ChainHead.Hash}"))
            .Append("</ul>\n");
        foreach (var section in sections)
        {
            html.Append("<h2>").Append(Encode(section.Heading)).Append("</h2>\n<ul>");
            foreach (var line in section.Lines)
            {
                html.Append("<li>").Append(Encode(line)).Append("</li>");
            }
            html.Append("</ul>\n");
        }
        html.Append("<h2>Files</h2>\n<p>").Append(Encode($"{"file".ToQuantity(files.Count)}, each listed with its SHA-256 in manifest.json, which manifest.sig signs (this summary is listed there too)."))
            .Append("</p>\n<table><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Size</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>\n");
        foreach (var file in files)
        {
            html.Append("<tr><td>").Append(Encode(file.Path)).Append("</td><td>").Append(Encode(file.Size.Bytes().Humanize(CultureInfo.InvariantCulture)))
                .Append("</td><td><code>").Append(file.Sha256).Append("</code></td></tr>\n");
        }
        html.Append("</tbody></table>\n<h2>How to verify</h2>\n<p>")
            .Append(Encode("portal evidence verify PACKAGE.zip --public-key portal-key.pem [--digest mgp-audit-v1:N:HASH]"))
            .Append("</p><p>").Append(Encode("Take the public key from the portal (GET /api/v1/evidence/signing-key), not from this package, and a digest from where you keep them outside the portal."))
            .Append("</p>\n</body></html>\n");
        return html.ToString();
    }

    private static string Range(EvidenceScope scope) => (scope.From, scope.To) switch
    {
        (null, null) => "the model's whole history",
        ({ } from, null) => $"from {PortalFormat.Timestamp(from)}",
        (null, { } to) => $"until {PortalFormat.Timestamp(to)}",
        ({ } from, { } to) => $"{PortalFormat.Timestamp(from)} to {PortalFormat.Timestamp(to)}",
    };

    private static string Item(string label, string value) => $"<li><strong>{Encode(label)}:</strong> {Encode(value)}</li>";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}

using System.Globalization;
using System.Text;
using Portal.Domain.Access;
using Portal.Domain.Documents;

namespace Portal.Web.Features.Documents;

/// <summary>Demo documents of the credit model, attached by its engineer through the same service the Documents tab uses.</summary>
internal static class DemoDocuments
{
    private static readonly Actor Eric = new("demo-eric", "Eric Engineer", new HashSet<string> { PortalRoles.Engineer });

    public static async Task AttachAsync(DocumentService documents, CancellationToken cancellationToken)
    {
        await AttachAsync(documents, "Validation report: retrained PD model", "Back-test on the 2026 Q1 holdout: AUC 0.829, KS 0.44, stable by region.",
            DocumentKind.ValidationReport, "1.1.0", "validation-report-1.1.0.pdf", Pdf([
                "Validation report - credit-default-pd 1.1.0",
                "Holdout: s3://ml-data/credit/holdout-2026q1.parquet",
                "AUC 0.829 (1.0.0: 0.812), KS 0.44",
                "Population stability index 0.04: stable.",
                "Conclusion: fit for production, subject to sign-off.",
            ]), cancellationToken);
        await AttachAsync(documents, "Data sheet: loan applications 2025 Q4", "Fields, types and missing values of the training data.",
            DocumentKind.DataSheet, "1.0.0", "data-sheet-applications-2025q4.csv", Encoding.UTF8.GetBytes(
                "field,type,description,missing\nincome,number,Declared monthly net income (EUR),0.4%\nage_band,text,Applicant age band,0%\n" +
                "region,text,NUTS-1 region,0%\nloan_amount,number,Requested amount (EUR),0%\ndefault_12m,boolean,Default within 12 months (label),0%\n"),
            cancellationToken);
        await AttachAsync(documents, "Model risk assessment", "Tiering rationale and the controls agreed with model risk management.",
            DocumentKind.RiskAssessment, null, "model-risk-assessment.md", Encoding.UTF8.GetBytes(
                "# Model risk assessment\n\n- Tier: High (credit decisions on retail customers)\n- Controls: two reviewers, one outside the team\n" +
                "- Fairness: demographic parity ratio of at least 0.8 by sex and age band\n"), cancellationToken);
    }

    private static async Task AttachAsync(DocumentService documents, string title, string description, DocumentKind kind, string? version, string fileName,
        byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        await documents.UploadAsync(Eric, "credit-default-pd", new DocumentDetails(title, description, kind, version), stream, fileName, cancellationToken);
    }

    /// <summary>A one-page PDF with the lines in Helvetica, its cross-reference table pointing at each object's offset.</summary>
    private static byte[] Pdf(IReadOnlyList<string> lines)
    {
        var text = new StringBuilder("BT /F1 12 Tf 50 780 Td 16 TL\n");
        foreach (var line in lines)
        {
            text.Append('(').Append(line.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)")).Append(") Tj T*\n");
        }
        text.Append("ET");
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {text.Length} >>\nstream\n{text}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}

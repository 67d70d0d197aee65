using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Documents;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Documents;

namespace Portal.IntegrationTests.Documents;

public sealed class DemoDocumentTests
{
    [Fact]
    public async Task Demo_data_attaches_a_generated_pdf_a_csv_data_sheet_and_a_markdown_assessment_to_the_credit_model()
    {
        using var portal = new PortalFactory();
        using var demo = portal.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "true"));
        var documents = demo.Services.GetRequiredService<DocumentService>();
        var reader = new Actor("demo-audrey", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });

        var listed = (await documents.ListAsync(reader, "credit-default-pd", new DocumentQuery())).Items;

        Assert.Equal([DocumentFileType.Markdown, DocumentFileType.Csv, DocumentFileType.Pdf], listed.Select(d => d.FileType).Order().Reverse());
        var pdf = Assert.Single(listed, d => d.FileType == DocumentFileType.Pdf);
        Assert.Equal("1.1.0", pdf.VersionLabel);
        Assert.Equal("Eric Engineer", pdf.UploadedBy);
        var content = await documents.OpenAsync(reader, "credit-default-pd", pdf.Id);
        await using var stream = content.Content;
        var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(bytes.ToArray()), StringComparison.Ordinal);
        Assert.Equal(pdf.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        Assert.Equal("1.0.0", Assert.Single(listed, d => d.Kind == DocumentKind.DataSheet).VersionLabel);
    }
}

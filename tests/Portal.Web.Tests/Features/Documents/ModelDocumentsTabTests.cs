using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Documents;
using Portal.Domain.Tests.Documents;
using Portal.Web.Features.Documents;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Versions;
using Portal.Web.Tests.Features.Versions;

namespace Portal.Web.Tests.Features.Documents;

/// <summary>The Documents tab on the model page, its attach dialog, and a version's documents under its lineage.</summary>
public sealed class ModelDocumentsTabTests : VersionsTestContext
{
    private ModelView model = null!;
    private DocumentView report = null!;
    private DocumentView dataSheet = null!;

    private DocumentService Documents => Services.GetRequiredService<DocumentService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        model = await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0");
        report = await Documents.UploadAsync(Arranger, "credit-pd",
            new DocumentDetails("Validation report", "Back-test on the holdout.", DocumentKind.ValidationReport, null), new MemoryStream(DocumentSamples.Pdf()),
            "validation.pdf");
        dataSheet = await Documents.UploadAsync(Arranger, "credit-pd", new DocumentDetails("Data sheet", null, DocumentKind.DataSheet, "1.0.0"),
            new MemoryStream(DocumentSamples.Csv()), "features.csv");
    }

    private IRenderedComponent<IComponent> RenderTab()
    {
        var rights = Services.GetRequiredService<ModelWriteGuard>().RightsAsync(CurrentActor, model.Key, ModelWriteRights.ModelPage).GetAwaiter().GetResult();
        var host = RenderWithProviders<ModelDocumentsTab>(rights, ("Model", model));
        host.WaitForAssertion(() => Assert.Equal(2, Rows(host).Count));
        return host;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<IComponent> host) => host.FindAll("#documents-table tbody tr.mud-table-row");

    private static string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();

    [Fact]
    public void Documents_show_kind_version_file_size_uploader_and_a_short_sha256_newest_first()
    {
        var host = RenderTab();

        var rows = Rows(host);
        Assert.StartsWith("Data sheet", Cell(rows[0], "Title"), StringComparison.Ordinal);
        Assert.Equal("Data sheet", Cell(rows[0], "Kind"));
        Assert.Equal("1.0.0", Cell(rows[0], "Version"));
        Assert.Equal("features.csv · CSV", Cell(rows[0], "File"));
        Assert.Equal($"{DocumentSamples.Csv().Length} B", Cell(rows[0], "Size"));
        Assert.Contains("Test Arranger", Cell(rows[0], "Uploaded"), StringComparison.Ordinal);
        Assert.Equal(dataSheet.Sha256[..12] + "…", rows[0].QuerySelector(".document-sha")!.TextContent);
        Assert.Equal(dataSheet.Sha256, rows[0].QuerySelector(".document-sha")!.GetAttribute("title"));
        Assert.Equal("Model", Cell(rows[1], "Version"));
        Assert.Contains("Back-test on the holdout.", Cell(rows[1], "Title"), StringComparison.Ordinal);
        var download = rows[1].QuerySelector("a.download-document")!;
        Assert.Equal($"/models/credit-pd/documents/{report.Id}/content", download.GetAttribute("href"));
        Assert.Equal("_blank", download.GetAttribute("target"));
    }

    [Fact]
    public void The_copy_button_puts_the_whole_sha256_on_the_clipboard()
    {
        var host = RenderTab();

        Rows(host)[1].QuerySelector(".copy-sha")!.Click();

        var copy = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(report.Sha256, copy.Arguments.Single());
    }

    [Fact]
    public void A_reader_may_download_but_is_offered_no_attach_edit_or_withdraw()
    {
        SignInAs(PortalRoles.Auditor);

        var host = RenderTab();

        Assert.Empty(host.FindAll("#attach-document"));
        Assert.Empty(host.FindAll(".edit-document"));
        Assert.Empty(host.FindAll(".withdraw-document"));
        Assert.Equal(2, host.FindAll(".download-document").Count);
    }

    [Fact]
    public async Task A_withdrawn_document_leaves_the_list_and_shows_again_marked_when_asked()
    {
        await Documents.WithdrawAsync(Arranger, "credit-pd", report.Id, "Superseded.", null);
        var rights = await Services.GetRequiredService<ModelWriteGuard>().RightsAsync(CurrentActor, model.Key, ModelWriteRights.ModelPage);
        var host = RenderWithProviders<ModelDocumentsTab>(rights, ("Model", model));
        host.WaitForAssertion(() => Assert.Single(Rows(host)));

        host.Find("input#documents-withdrawn, #documents-withdrawn input").Change(true);

        host.WaitForAssertion(() => Assert.Equal(2, Rows(host).Count));
        Assert.Single(host.FindAll(".document-withdrawn"));
    }

    [Fact]
    public async Task Attaching_a_renamed_executable_shows_what_it_is_and_stores_nothing()
    {
        var (host, _) = await OpenDialogAsync(new DialogParameters<DocumentFormDialog> { { d => d.ModelKey, "credit-pd" } }, "#choose-document");

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(DocumentSamples.ElfExecutable(), "validation.pdf"));
        host.WaitForAssertion(() => Assert.False(host.Find("#save-document").HasAttribute("disabled")));
        host.Find("#save-document").Click();

        host.WaitForAssertion(() => Assert.Contains("an ELF executable", host.Find("#document-problem").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, await CountDocumentsAsync());
    }

    [Fact]
    public async Task Attaching_a_pdf_to_a_version_through_the_dialog_stores_it()
    {
        var (host, dialog) = await OpenDialogAsync(new DialogParameters<DocumentFormDialog>
        {
            { d => d.ModelKey, "credit-pd" }, { d => d.VersionLabels, ["1.0.0"] },
        }, "#choose-document");

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(DocumentSamples.Pdf(), "risk-assessment.pdf"));
        host.WaitForAssertion(() => Assert.False(host.Find("#save-document").HasAttribute("disabled")));
        host.Find("#save-document").Click();

        var result = await dialog.Result;
        var saved = Assert.IsType<DocumentView>(result!.Data);
        Assert.Equal("risk-assessment", saved.Title);
        Assert.Equal(DocumentFileType.Pdf, saved.FileType);
        Assert.Equal(3, await CountDocumentsAsync());
    }

    [Fact]
    public void A_versions_documents_show_under_its_lineage()
    {
        var host = RenderWithProviders<ModelVersionsTab>(ModelWriteRights.None, ("Model", model));
        host.WaitForAssertion(() => Assert.Single(host.FindAll("#versions-table tbody tr.mud-table-row")));

        host.Find("#versions-table tbody tr.mud-table-row").Click();

        host.WaitForAssertion(() => Assert.Contains("Data sheet", host.Find(".version-documents").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Validation report", host.Find(".version-documents").TextContent, StringComparison.Ordinal);
    }

    private async Task<int> CountDocumentsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ModelDocuments.CountAsync();
    }
}

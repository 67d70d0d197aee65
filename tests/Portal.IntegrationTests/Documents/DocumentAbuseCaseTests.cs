using System.Net;
using System.Net.Http.Headers;
using Portal.Domain.Access;
using Portal.Domain.Documents;
using Portal.Domain.Tests.Documents;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Documents;

/// <summary>
/// Issue 15, documents: what an attacker tries with an upload (a renamed executable, a page that would run in the browser, a
/// file for someone else's model, a token without scope) and with a download (a withdrawn file, another model's document).
/// </summary>
public sealed class DocumentAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    public static TheoryData<string, string, string> Disguised() => new()
    {
        { nameof(DocumentSamples.WindowsExecutable), "validation-report.pdf", "a Windows executable (MZ)" },
        { nameof(DocumentSamples.ElfExecutable), "data-sheet.csv", "an ELF executable" },
        { nameof(DocumentSamples.MachOExecutable), "figure.png", "a Mach-O executable" },
        { nameof(DocumentSamples.ShellScript), "notes.md", "a script (#!)" },
        { nameof(DocumentSamples.Html), "validation-report.pdf", "an HTML page" },
        { nameof(DocumentSamples.Svg), "chart.png", "an SVG image (markup)" },
        { nameof(DocumentSamples.PlainZip), "risk.docx", "a ZIP archive (not a Word, Excel or PowerPoint document)" },
        { nameof(DocumentSamples.Docm), "risk.docx", "a macro-enabled Office document" },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_renamed_executable_or_page_is_refused_naming_what_it_is_and_nothing_is_stored(string sample, string fileName, string detected)
    {
        var key = await portal.ModelAsync("abuse-disguise");
        var files = portal.StoredFiles().Length;
        var bytes = (byte[])typeof(DocumentSamples).GetMethod(sample)!.Invoke(null, null)!;

        var response = await engineer.UploadAsync(key, bytes, fileName, claimedType: "application/pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"The file's content is {detected}, which is not allowed", await response.FieldErrorAsync("file"), StringComparison.Ordinal);
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
        Assert.Equal(files, portal.StoredFiles().Length);
        var refusal = Assert.Single(await portal.AuditAsync(DocumentAuditActions.UploadRefused, key));
        Assert.Contains(detected, refusal.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engineer_outside_the_models_team_cannot_attach_a_document()
    {
        var key = await portal.ModelAsync("abuse-outsider", PortalFactory.OutsideTeam);

        var response = await engineer.UploadAsync(key, DocumentSamples.Pdf(), "report.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"not to team {PortalFactory.OutsideTeam}", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
        Assert.Contains(await portal.AuditAsync(AuditActionsDenied, key), e => e.EntityId == nameof(Permission.ManageDocuments));
    }

    [Fact]
    public async Task An_unscoped_token_cannot_attach_a_document_to_any_teams_model()
    {
        var key = await portal.ModelAsync("abuse-unscoped");

        var response = await portal.ClientWithToken(PortalFactory.UnscopedEngineerToken).UploadAsync(key, DocumentSamples.Pdf(), "report.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("this service token is scoped to no team", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await portal.DocumentRowsAsync(key));
    }

    [Fact]
    public async Task An_auditors_upload_is_refused_before_its_body_is_read()
    {
        var key = await portal.ModelAsync("abuse-auditor-body");
        var body = new EndlessStream(300L * 1024 * 1024);
        var content = new StreamContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=portal-test");

        var response = await portal.ClientAs(PortalRoles.Auditor).PostAsync($"/api/v1/models/{key}/documents", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Attaching, editing or withdrawing a model's documents needs", await response.DetailAsync(), StringComparison.Ordinal);
        Assert.True(body.BytesRead < 4 * 1024 * 1024, $"{body.BytesRead:N0} bytes of the refused body were read.");
    }

    [Fact]
    public async Task An_outsider_can_neither_describe_nor_withdraw_a_document_but_may_read_it()
    {
        var key = await portal.ModelAsync("abuse-outsider-edit", PortalFactory.OutsideTeam);
        var id = (await portal.ClientAs(PortalRoles.Admin).AttachAsync(key, DocumentSamples.Pdf(), "report.pdf")).Id();

        var edit = await engineer.PutJsonAsync($"/api/v1/models/{key}/documents/{id}", new { title = "Mine now", kind = "Other", revision = 1 });
        var withdraw = await engineer.PostJsonAsync($"/api/v1/models/{key}/documents/{id}/withdraw", new { reason = "Because I can" });
        var read = await engineer.GetAsync(DocumentRequests.ContentUrl(key, id));

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var document = await (await engineer.GetAsync($"/api/v1/models/{key}/documents/{id}")).ReadJsonAsync();
        Assert.Equal("Validation report", document.GetProperty("title").GetString());
        Assert.False(document.GetProperty("withdrawn").GetBoolean());
    }

    [Theory]
    [InlineData(PortalRoles.Auditor)]
    [InlineData(PortalRoles.ComplianceReviewer)]
    [InlineData(PortalRoles.Manager)]
    public async Task Whoever_may_read_the_model_downloads_its_documents(string role)
    {
        var key = await portal.ModelAsync("abuse-reader");
        var id = (await engineer.AttachAsync(key, DocumentSamples.Jpeg(), "photo.jpg", kind: "Other")).Id();

        var response = await portal.ClientAs(role).GetAsync(DocumentRequests.ContentUrl(key, id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentSamples.Jpeg(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_withdrawn_documents_file_is_for_the_audit_only_and_the_document_cannot_be_changed()
    {
        var key = await portal.ModelAsync("abuse-withdrawn");
        var id = (await engineer.AttachAsync(key, DocumentSamples.Pdf(), "wrong-model.pdf")).Id();
        (await engineer.PostJsonAsync($"/api/v1/models/{key}/documents/{id}/withdraw", new { reason = "Attached to the wrong model." })).EnsureSuccessStatusCode();

        var engineerRead = await engineer.GetAsync(DocumentRequests.ContentUrl(key, id));
        var auditorRead = await portal.ClientAs(PortalRoles.Auditor).GetAsync(DocumentRequests.ContentUrl(key, id));
        var edit = await engineer.PutJsonAsync($"/api/v1/models/{key}/documents/{id}", new { title = "Revived", kind = "Other", revision = 2 });
        var again = await engineer.PostJsonAsync($"/api/v1/models/{key}/documents/{id}/withdraw", new { reason = "Twice" });

        Assert.Equal(HttpStatusCode.Forbidden, engineerRead.StatusCode);
        var detail = await engineerRead.DetailAsync();
        Assert.Contains("was withdrawn by test-engineer", detail, StringComparison.Ordinal);
        Assert.Contains("Attached to the wrong model.", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, auditorRead.StatusCode);
        Assert.Equal(DocumentSamples.Pdf(), await auditorRead.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Another_models_document_is_not_found_through_this_model()
    {
        var mine = await portal.ModelAsync("abuse-mine");
        var theirs = await portal.ModelAsync("abuse-theirs", PortalFactory.OutsideTeam);
        var id = (await portal.ClientAs(PortalRoles.Admin).AttachAsync(theirs, DocumentSamples.Pdf(), "theirs.pdf")).Id();

        var read = await engineer.GetAsync(DocumentRequests.ContentUrl(mine, id));
        var withdraw = await engineer.PostJsonAsync($"/api/v1/models/{mine}/documents/{id}/withdraw", new { reason = "Through my own model" });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        var document = await (await engineer.GetAsync($"/api/v1/models/{theirs}/documents/{id}")).ReadJsonAsync();
        Assert.False(document.GetProperty("withdrawn").GetBoolean());
    }

    [Theory]
    [InlineData("../../../etc/cron.d/report.pdf", "report.pdf")]
    [InlineData(@"C:\Users\eric\report.pdf", "report.pdf")]
    public async Task A_path_in_the_file_name_is_dropped(string sent, string kept)
    {
        var key = await portal.ModelAsync("abuse-path");

        var document = await engineer.AttachAsync(key, DocumentSamples.Pdf(), sent);

        Assert.Equal(kept, document.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_file_name_that_reverses_its_text_is_refused()
    {
        var key = await portal.ModelAsync("abuse-bidi");

        var response = await engineer.UploadAsync(key, DocumentSamples.Pdf(), "report\u202Efdp.exe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text-direction overrides", await response.FieldErrorAsync("file"), StringComparison.Ordinal);
    }

    private const string AuditActionsDenied = Portal.Domain.Audit.AuditActions.AccessDenied;

    /// <summary>A body of <c>length</c> bytes made on demand, counting what the server pulled.</summary>
    private sealed class EndlessStream(long length) : Stream
    {
        private long position;

        public long BytesRead => Interlocked.Read(ref position);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Fill(buffer, (byte)'x', offset, n);
            Interlocked.Add(ref position, n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

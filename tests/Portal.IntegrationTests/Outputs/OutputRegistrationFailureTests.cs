using System.Text;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Outputs.OutputRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>
/// An upload is stored before its row is saved; when the database refuses the row, the stored file goes too, so the outputs
/// folder never holds data that no output describes (and no access policy governs).
/// </summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class OutputRegistrationFailureTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_stored_upload_whose_row_the_database_refuses_leaves_no_file_behind()
    {
        var key = await portal.ModelAsync();
        await portal.CopiesIdleAsync();
        var before = StoredFiles();
        Execute("CREATE TRIGGER refuse_outputs BEFORE INSERT ON ModelOutputs BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;");
        HttpResponseMessage response;
        try
        {
            response = await portal.ClientAs(PortalRoles.Engineer).UploadAsync(key, Metadata("Internal"), new StringContent(Csv, Encoding.UTF8, "text/csv"));
        }
        finally
        {
            Execute("DROP TRIGGER refuse_outputs;");
        }

        Assert.False(response.IsSuccessStatusCode, "The database refused the row, so the registration failed.");
        Assert.Empty(StoredFiles().Except(before));
        Assert.Empty(await portal.Outputs().ListAsync(AdminPerson, key, CancellationToken.None));
    }

    private void Execute(string sql)
    {
        using var connection = portal.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> StoredFiles()
    {
        var folder = Path.Combine(portal.StorageRoot, "outputs");
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)] : [];
    }
}

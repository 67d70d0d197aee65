using System.Text;
using Portal.Domain.Access;
using Portal.Domain.Outputs;

namespace Portal.Domain.Tests.Outputs;

/// <summary>An output with one column per kind of tag, a small CSV of it, and readers and grants to decide with.</summary>
internal static class OutputFixtures
{
    public static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    public const string Team = "Credit Risk";
    public const int OutputId = 7;

    public static readonly byte[] HashKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public static readonly IReadOnlyList<OutputColumn> Columns =
    [
        new("id", OutputColumnType.Integer, []),
        new("email", OutputColumnType.String, [OutputTags.Pii]),
        new("account", OutputColumnType.String, [OutputTags.Financial]),
        new("note", OutputColumnType.String, [OutputTags.Sensitive, OutputTags.Pii]),
        new("region", OutputColumnType.String, []),
    ];

    public const string Csv = "id,email,account,note,region\n1,ann@example.com,DE44500105175407324931,\"late, twice\",EU\n2,bob@example.com,US12345678,ok,US\n3,cy@example.com,123,none,EU\n";

    public static string[][] Rows => [.. Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(SplitCsv)];

    public static ModelOutput Output(OutputClassification classification)
    {
        var output = ModelOutput.Register(1, "credit-pd", 1, "1.0.0",
            new OutputDetails("scores", null, Now.AddDays(-1), classification, Columns, null, null),
            OutputData.Stored(OutputFormat.Csv, new string('a', 32), Csv.Length, new string('0', 64), 3), "pipeline", Now);
        typeof(ModelOutput).GetProperty(nameof(ModelOutput.Id))!.SetValue(output, OutputId);
        return output;
    }

    public static OutputGrant Grant(int id, GranteeKind kind, string grantee, GrantAccess access = GrantAccess.Read, string[]? unmask = null,
        RowFilter? filter = null, DateTime? expiresAt = null, string? purpose = null)
    {
        var grant = OutputGrant.Give(OutputId, "credit-pd", new GrantTerms(kind, grantee, grantee, access, unmask ?? [], filter, purpose, expiresAt),
            "owner", "Olivia Owner", Now.AddDays(-2));
        typeof(OutputGrant).GetProperty(nameof(OutputGrant.Id))!.SetValue(grant, id);
        return grant;
    }

    public static OutputReader Reader(string id, string role, bool owner = false, bool inTeam = false, bool token = false, params string[] teams) =>
        new(id, new HashSet<string> { role }, token, owner, inTeam, teams.Select(t => t.ToUpperInvariant()).ToHashSet());

    /// <summary>Decides and streams the CSV through the decision, returning the rows as cells.</summary>
    public static async Task<string[][]> ReadAsync(ModelOutput output, OutputDecision decision, OutputFormat format = OutputFormat.Csv)
    {
        using var destination = new MemoryStream();
        await new CsvOutputCopier(CsvOutputCopier.Settings.Default).CopyAsync(new MemoryStream(Encoding.UTF8.GetBytes(Csv)),
            header => CsvMaskingPlan.For(output, decision, new OutputMasking(HashKey), header), format, destination, RowWindow.All, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(destination.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,email,account,note,region", lines[0]);
        return [.. lines.Skip(1).Select(SplitCsv)];
    }

    private static string[] SplitCsv(string line) => [.. OutputDataChecker.SplitHeader(line)];

    public static string Role(string reader) => reader switch
    {
        "owner" => PortalRoles.Engineer,
        "team member" => PortalRoles.Engineer,
        "outsider" => PortalRoles.Engineer,
        "manager outsider" => PortalRoles.Manager,
        "Compliance reviewer" => PortalRoles.ComplianceReviewer,
        "Auditor" => PortalRoles.Auditor,
        _ => PortalRoles.Admin,
    };
}

using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.AuditTrail;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Outputs;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// The SQL SQL Server is sent for the hot queries, kept readable in Data/SqlServerQueries/*.sql so that a reviewer sees it
/// and a change to it shows in the diff. No engine is needed: ToQueryString, or a context whose connection never opens.
/// When a change is meant, accept it with PORTAL_ACCEPT_SNAPSHOTS=1 (the run rewrites the files) and commit the files.
/// </summary>
public sealed class SqlServerQuerySnapshotTests
{
    private const string AcceptVariable = "PORTAL_ACCEPT_SNAPSHOTS";

    /// <summary>A page of the inventory with a filter, a tag, a sort and a search, as the inventory page and the API ask.</summary>
    private static readonly ModelQuery Inventory = new(Search: "credit sco", Status: LifecycleStatus.Production, Tag: "cards",
        Sort: ModelSort.Name, Descending: true, Page: 3, PageSize: 25);

    [Fact]
    public void The_inventory_page_searched_with_like()
    {
        using var db = SqlServerContext();

        var sql = InventoryPage(db, TextIndex.None);

        Assert.Contains("LIKE", sql, StringComparison.Ordinal);
        AssertSnapshot("inventory-page-like", sql);
    }

    [Fact]
    public void The_inventory_page_searched_with_the_full_text_index()
    {
        using var db = SqlServerContext();

        var sql = InventoryPage(db, TextIndex.FullText);

        Assert.Contains("CONTAINS(([Key], Name, Description), @condition)", sql, StringComparison.Ordinal);
        // The card text from its own full-text index too, not LIKE over every card's text.
        Assert.Contains("CONTAINS(SearchText, @cardCondition)", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("[SearchText] LIKE", sql, StringComparison.Ordinal);
        Assert.Contains("N'\"credit*\" AND \"sco*\"'", sql, StringComparison.Ordinal);
        AssertSnapshot("inventory-page-fulltext", sql);
    }

    [Fact]
    public async Task The_flag_scan_reads_its_facts_in_a_few_bulk_queries()
    {
        using var portal = new PortalFactory();
        var contributors = portal.Services.GetServices<IModelFactsContributor>().ToList();
        var recorder = new CommandRecorder();
        await using var db = SqlServerContext(recorder);

        await new ModelFactsLoader(contributors, new RecordingContexts(recorder)).LoadAsync(db, CancellationToken.None);

        var commands = recorder.Commands.ToList();
        Assert.True(commands.Count > contributors.Count, "Every contributor reads its facts in at least one query, after the models'.");
        // The models' query first; the contributors' come in whatever order they ran at the same time.
        AssertSnapshot("flag-scan-facts", string.Join("\n\n", commands.Take(1).Concat(commands.Skip(1).Order(StringComparer.Ordinal))));
    }

    [Fact]
    public void The_audit_chain_verification_reads_the_chain_in_order()
    {
        using var db = SqlServerContext();

        var sql = AuditTrailService.ChainInOrder(db).ToQueryString();

        Assert.Contains("ORDER BY [a].[Sequence]", sql, StringComparison.Ordinal);
        AssertSnapshot("audit-chain-verify", sql);
    }

    [Fact]
    public void The_output_read_decision_reads_its_facts_in_one_query()
    {
        using var db = SqlServerContext();
        var reader = new Actor("reader-0450", "Reader 450", new HashSet<string> { PortalRoles.Engineer });

        var sql = OutputAuthorizationService.FactsOf(db, reader, 7, ["CREDIT RISK"]).ToQueryString();

        Assert.Contains("FROM [OutputGrants]", sql, StringComparison.Ordinal);
        // The stamps validating the cached policy and memberships are read in the same query, not in queries of their own.
        Assert.Contains("FROM [OutputPolicies]", sql, StringComparison.Ordinal);
        Assert.Contains("FROM [Teams]", sql, StringComparison.Ordinal);
        AssertSnapshot("output-read-decision", sql);
    }

    [Fact]
    public void A_changed_query_fails_with_its_diff_and_how_to_accept_it()
    {
        var failure = Assert.ThrowsAny<Exception>(() => CompareSnapshot("probe", "SELECT 1\nFROM [Models]\n", "SELECT 1\nFROM [Users]\n", accept: false));

        Assert.Contains("- FROM [Models]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+ FROM [Users]", failure.Message, StringComparison.Ordinal);
        Assert.Contains(AcceptVariable + "=1", failure.Message, StringComparison.Ordinal);
    }

    private static string InventoryPage(PortalDbContext db, TextIndex index)
    {
        var text = new TextSearch(Inventory.Search!, index, Broad: false);
        var filtered = ModelService.Filtered(db, Inventory, InventoryScope.Everything, text, onePage: true, new ModelIdSets());
        return ModelService.PageOf(db, Inventory, filtered).ToQueryString();
    }

    private static PortalDbContext SqlServerContext(CommandRecorder? recorder = null)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.SqlServer, "Server=unused;Database=Portal;TrustServerCertificate=True");
        if (recorder is not null)
        {
            options.AddInterceptors(recorder);
        }
        return new PortalDbContext(options.Options);
    }

    private static void AssertSnapshot(string name, string sql)
    {
        var actual = sql.ReplaceLineEndings("\n").TrimEnd() + "\n";
        var file = RepositoryFiles.PathOf("tests", "Portal.IntegrationTests", "Data", "SqlServerQueries", name + ".sql");
        var expected = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : "";
        if (CompareSnapshot(name, expected, actual, Environment.GetEnvironmentVariable(AcceptVariable) == "1"))
        {
            File.WriteAllText(file, actual);
        }
    }

    /// <summary>True when the snapshot is to be rewritten; fails with a line diff when it differs and is not accepted.</summary>
    private static bool CompareSnapshot(string name, string expected, string actual, bool accept)
    {
        if (expected == actual)
        {
            return false;
        }
        if (accept)
        {
            return true;
        }
        Assert.Fail($"The SQL of {name} changed (- snapshot, + now). If the change is meant, run the tests with {AcceptVariable}=1 " +
            $"to rewrite tests/Portal.IntegrationTests/Data/SqlServerQueries/{name}.sql and commit it.\n{Diff(expected, actual)}");
        return false;
    }

    /// <summary>A plain line diff: the lines after the common start and before the common end.</summary>
    private static string Diff(string expected, string actual)
    {
        var (before, after) = (expected.Split('\n'), actual.Split('\n'));
        var start = 0;
        while (start < before.Length && start < after.Length && before[start] == after[start])
        {
            start++;
        }
        var end = 0;
        while (end < before.Length - start && end < after.Length - start && before[^(end + 1)] == after[^(end + 1)])
        {
            end++;
        }
        var diff = new StringBuilder($"at line {start + 1}:\n");
        foreach (var line in before[start..^end])
        {
            diff.AppendLine("- " + line);
        }
        foreach (var line in after[start..^end])
        {
            diff.AppendLine("+ " + line);
        }
        return diff.ToString();
    }

    /// <summary>Contexts for the fact contributors, each writing down its SQL with the same recorder.</summary>
    private sealed class RecordingContexts(CommandRecorder recorder) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => SqlServerContext(recorder);
    }

    /// <summary>Lets EF believe a connection opened and every query came back empty, writing down the SQL it sent (from several contexts at once).</summary>
    private sealed class CommandRecorder : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public ConcurrentQueue<string> Commands { get; } = [];

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => $"-- {p.ParameterName} = {p.Value}");
            Commands.Enqueue(string.Join("\n", parameters.Append(command.CommandText)));
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(EmptyResult().CreateDataReader()));
        }

        /// <summary>No rows, and more columns than any query reads (a retrying strategy buffers results and counts them).</summary>
        private static DataTable EmptyResult()
        {
            var table = new DataTable();
            for (var i = 0; i < 64; i++)
            {
                table.Columns.Add($"c{i}", typeof(object));
            }
            return table;
        }
    }
}

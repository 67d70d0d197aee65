using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Portal.Data;
using Portal.IntegrationTests.Infrastructure;
using Portal.Migrations.SqlServer;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// No SQL Server engine runs here, so what SQL Server would be sent is parsed with Microsoft's T-SQL parser for SQL Server
/// 2022 (the grammar of 2019 and later): the migrations' idempotent script and every raw statement of the code.
/// </summary>
public sealed partial class SqlServerScriptTests
{
    [Fact]
    public void The_idempotent_migration_script_parses()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.SqlServer, "Server=unused;Database=Portal;TrustServerCertificate=True");
        using var db = new PortalDbContext(options.Options);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Models]", script, StringComparison.Ordinal);
        AssertParses("the idempotent migration script", script);
    }

    [Fact]
    public void The_full_text_step_runs_outside_the_migration_transaction_and_only_where_full_text_is_installed()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.SqlServer, "Server=unused;Database=Portal;TrustServerCertificate=True");
        using var db = new PortalDbContext(options.Options);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var step = script.IndexOf("IF CAST(SERVERPROPERTY('IsFullTextInstalled') AS int) = 1", StringComparison.Ordinal);
        Assert.True(step > 0, "The script creates the full-text catalog and index where full text is installed.");
        var begun = script.LastIndexOf("BEGIN TRANSACTION;", step, StringComparison.Ordinal);
        var committed = script.LastIndexOf("COMMIT;", step, StringComparison.Ordinal);
        Assert.True(committed > begun, "CREATE FULLTEXT refuses to run inside a user transaction.");
        Assert.Contains("EXEC(N'CREATE FULLTEXT INDEX ON dbo.Models", script, StringComparison.Ordinal);
        Assert.Contains("EXEC(N'CREATE FULLTEXT INDEX ON dbo.ModelCardStates (SearchText) KEY INDEX PK_ModelCardStates", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_query_snapshot_parses()
    {
        var snapshots = Directory.GetFiles(RepositoryFiles.PathOf("tests", "Portal.IntegrationTests", "Data", "SqlServerQueries"), "*.sql");
        Assert.NotEmpty(snapshots);
        foreach (var file in snapshots)
        {
            AssertParses(Path.GetFileName(file), File.ReadAllText(file));
        }
    }

    [Fact]
    public void Every_raw_sql_server_statement_parses()
    {
        var statements = SqlServerStatements.All.Concat(SqlServerDatabaseObjects.Triggers).ToList();
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            AssertParses(statement, statement);
        }
    }

    [Fact]
    public void A_broken_statement_is_reported_with_its_line_and_column()
    {
        var errors = ParseErrors("SELECT 1;\nGO\nSELEC Id FROM Models;\n");

        Assert.Equal(3, Assert.Single(errors).Line);
    }

    /// <summary>
    /// Raw SQL reaches the database through ExecuteSql, SqlQuery or FromSql. Outside the SQLite-only files below, each such
    /// call must take its text from SqlServerStatements, so that the parse test above sees it.
    /// </summary>
    [Fact]
    public void Raw_sql_in_the_code_comes_from_the_statements_the_parse_test_reads()
    {
        string[] sqliteOnly =
        [
            "src/Portal.Data/PortalDatabase.cs", // PRAGMA journal_mode, inside IsSqlite()
            "src/Portal.Web/Infrastructure/SqliteStatistics.cs", // ANALYZE, SQLite only
        ];
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryFiles.Root, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || sqliteOnly.Contains(relative))
            {
                continue;
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (RawSqlCall().IsMatch(lines[i]) && !IsFromStatements(lines, i))
                {
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.True(offenders.Count == 0,
            "Raw SQL outside SqlServerStatements (add the text there, or list a SQLite-only file here with why):\n" + string.Join("\n", offenders));
    }

    /// <summary>The call's text comes from SqlServerStatements, or it is SQLite's FTS5 branch (MATCH), which SQL Server never runs.</summary>
    private static bool IsFromStatements(string[] lines, int index)
    {
        var call = string.Join(" ", lines.Skip(index).Take(3));
        return call.Contains("SqlServerStatements.", StringComparison.Ordinal) || call.Contains(" MATCH ", StringComparison.Ordinal);
    }

    private static void AssertParses(string what, string sql)
    {
        var errors = ParseErrors(sql);
        if (errors.Count == 0)
        {
            return;
        }
        var lines = sql.Split('\n');
        var report = new StringBuilder($"{errors.Count} T-SQL parse error(s) in {Shorten(what)}:\n");
        foreach (var error in errors)
        {
            report.AppendLine($"  line {error.Line}, column {error.Column}: {error.Message}");
            report.AppendLine($"    {lines[Math.Clamp(error.Line - 1, 0, lines.Length - 1)].TrimEnd()}");
        }
        Assert.Fail(report.ToString());
    }

    /// <summary>Parses each GO batch on its own (GO is sqlcmd's, not T-SQL's); lines are the whole script's.</summary>
    private static List<ParseError> ParseErrors(string script)
    {
        var errors = new List<ParseError>();
        var batch = new StringBuilder();
        var (batchStart, lineNumber) = (1, 0);
        foreach (var line in script.Split('\n'))
        {
            lineNumber++;
            if (GoLine().IsMatch(line))
            {
                errors.AddRange(ParseBatch(batch.ToString(), batchStart));
                (batch, batchStart) = (new StringBuilder(), lineNumber + 1);
                continue;
            }
            batch.Append(line).Append('\n');
        }
        errors.AddRange(ParseBatch(batch.ToString(), batchStart));
        return errors;
    }

    private static IEnumerable<ParseError> ParseBatch(string batch, int firstLine)
    {
        if (string.IsNullOrWhiteSpace(batch))
        {
            return [];
        }
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(batch), out var errors);
        return errors.Select(e => new ParseError(e.Line + firstLine - 1, e.Column, e.Message));
    }

    private static string Shorten(string what) => what.Length <= 120 ? what : what[..120] + "…";

    private sealed record ParseError(int Line, int Column, string Message);

    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();

    [GeneratedRegex(@"\b(ExecuteSql\w*|SqlQuery\w*|FromSql\w*)\s*(<[^>]*>)?\(")]
    private static partial Regex RawSqlCall();
}

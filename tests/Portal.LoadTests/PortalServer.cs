using System.Diagnostics;

namespace Portal.LoadTests;

/// <summary>
/// The portal under load: one the harness starts (Release build, fresh SQLite file, Development, demo data, the
/// development sign-in and an Admin service token) or one already running at a given address.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process? process;
    private readonly string? folder;

    private PortalServer(Uri url, int? pid, Process? process, string? folder)
    {
        Url = url;
        Pid = pid;
        this.process = process;
        this.folder = folder;
    }

    public Uri Url { get; }

    /// <summary>The server process, when known: memory and CPU are read from its /proc entries.</summary>
    public int? Pid { get; }

    public static async Task<PortalServer> AttachOrStartAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        if (options.Url is not null)
        {
            return new PortalServer(options.Url, options.ServerPid, null, null);
        }
        var repository = options.RepositoryRoot ?? FindRepository();
        var project = Path.Combine(repository, "src", "Portal.Web");
        if (!options.NoBuild)
        {
            await RunAsync("dotnet", $"build -c Release \"{project}\" -v q -nologo", repository, cancellationToken);
        }
        var folder = Directory.CreateTempSubdirectory("portal-load-").FullName;
        var url = new Uri($"http://127.0.0.1:{options.Port}/");
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(project, "bin", "Release", "net10.0", "Portal.Web.dll")}\"")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Settings(url, folder, options.Token))
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        // The pipes are drained so that the portal never blocks on them; its failures are shown as notes of the run.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && (text.StartsWith("fail:", StringComparison.Ordinal) || text.StartsWith("crit:", StringComparison.Ordinal)))
            {
                LoadReport.Note($"portal {text}");
            }
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"portal: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PortalServer(url, process.Id, process, folder);
        try
        {
            await server.WaitHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Resident memory (VmRSS) of the server process, in bytes.</summary>
    public long? ResidentBytes()
    {
        if (Pid is null)
        {
            return null;
        }
        var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User plus system CPU time the server process has used (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public TimeSpan? CpuTime()
    {
        if (Pid is null)
        {
            return null;
        }
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // The command name may hold spaces; the fields after its closing parenthesis start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<(string Key, string Value)> Settings(Uri url, string folder, string token) =>
    [
        ("ASPNETCORE_ENVIRONMENT", "Development"),
        ("ASPNETCORE_URLS", url.ToString().TrimEnd('/')),
        ("ConnectionStrings__Portal", $"Data Source={Path.Combine(folder, "portal.db")}"),
        ("Portal__SeedDemoData", "true"),
        ("Documents__Storage__Path", Path.Combine(folder, "documents")),
        ("Outputs__Storage__Path", Path.Combine(folder, "outputs")),
        ("Evidence__SigningKeyPath", Path.Combine(folder, "evidence-signing-key.pem")),
        ("Portal__ServiceTokens__0__Name", "load-pipeline"),
        ("Portal__ServiceTokens__0__Role", "Admin"),
        ("Portal__ServiceTokens__0__Token", token),
        // The gate-check scenario sends thousands of requests a second with one token (the most the portal allows: 16,666/s).
        ("RateLimiting__PermitsPerMinute", "1000000"),
        ("Logging__LogLevel__Default", "Warning"),
    ];

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} while starting.");
            }
            try
            {
                if ((await http.GetAsync("health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception starting) when (starting is HttpRequestException || (starting is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or still migrating and seeding.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        throw new TimeoutException("The portal did not become ready within 3 minutes.");
    }

    private static async Task RunAsync(string file, string arguments, string folder, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder })
            ?? throw new InvalidOperationException($"{file} did not start.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}.");
        }
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository, or give --repo or --url.");
    }
}

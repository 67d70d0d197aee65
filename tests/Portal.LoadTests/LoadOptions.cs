using System.Globalization;

namespace Portal.LoadTests;

/// <summary>The command line; every option has a default, so <c>--circuits N</c> alone is a run.</summary>
public sealed record LoadOptions
{
    public int Circuits { get; init; } = 200;
    public Uri? Url { get; init; }
    public int? ServerPid { get; init; }
    public int Port { get; init; } = 5300;
    public string? RepositoryRoot { get; init; }
    public double RampPerSecond { get; init; } = 50;
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan ThinkMin { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ThinkMax { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public double GateRate { get; init; }
    public double RegisterRate { get; init; } = 1;
    public string Token { get; init; } = "load-pipeline-token";
    public bool GcDump { get; init; }

    /// <summary>The circuits open the inventory and then stay open without interacting (the gate scenario's "while circuits are open").</summary>
    public bool Idle { get; init; }
    public bool NoBuild { get; init; }
    public string? Out { get; init; }

    public const string Usage = """
        dotnet run -c Release --project tests/Portal.LoadTests -- [options]
          --scenario inventory|gate   presets: inventory = ramp --circuits (default 200) on the inventory;
                                      gate = 1000 circuits open and the CD gate check at 2000 requests/s
          --circuits N                concurrent interactive users, each with its own circuit (default 200)
          --ramp N                    circuits opened per second (default 50)
          --hold SECONDS              measuring time once every circuit is open (default 60)
          --think MIN-MAX             seconds between one user's interactions (default 5-10)
          --idle                      circuits open the inventory and stay open without interacting (no navigations)
          --gate-rate N               CD gate checks per second during the hold (default 0)
          --register-rate N           versions registered per second by pipelines during the hold (default 1)
          --url URL                   a running portal (Development, development sign-in, demo data) instead of starting one
          --server-pid PID            that portal's process, for memory and CPU figures
          --token TOKEN               its Admin service token (default load-pipeline-token, configured when the harness starts the portal)
          --port N                    port of the portal the harness starts (default 5300)
          --no-build                  start the portal's Release build as it is, without building it first
          --gcdump                    also take one managed-heap dump at the plateau with dotnet-gcdump
          --out FILE                  write the report as JSON too
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--scenario" => Scenario(options, Next()),
                "--circuits" => options with { Circuits = Int(Next()) },
                "--ramp" => options with { RampPerSecond = Number(Next()) },
                "--hold" => options with { Hold = TimeSpan.FromSeconds(Number(Next())) },
                "--think" => Think(options, Next()),
                "--gate-rate" => options with { GateRate = Number(Next()) },
                "--register-rate" => options with { RegisterRate = Number(Next()) },
                "--url" => options with { Url = new Uri(Next().TrimEnd('/') + "/") },
                "--server-pid" => options with { ServerPid = Int(Next()) },
                "--token" => options with { Token = Next() },
                "--port" => options with { Port = Int(Next()) },
                "--repo" => options with { RepositoryRoot = Next() },
                "--gcdump" => options with { GcDump = true },
                "--idle" => options with { Idle = true },
                "--no-build" => options with { NoBuild = true },
                "--out" => options with { Out = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return options;
    }

    private static LoadOptions Scenario(LoadOptions options, string name) => name switch
    {
        "inventory" => options,
        "gate" => options with { Circuits = 1000, GateRate = 2000 },
        _ => throw new ArgumentException($"Unknown scenario {name}: inventory or gate."),
    };

    private static LoadOptions Think(LoadOptions options, string range)
    {
        var parts = range.Split('-');
        var min = Number(parts[0]);
        var max = parts.Length > 1 ? Number(parts[1]) : min;
        return options with { ThinkMin = TimeSpan.FromSeconds(min), ThinkMax = TimeSpan.FromSeconds(Math.Max(min, max)) };
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

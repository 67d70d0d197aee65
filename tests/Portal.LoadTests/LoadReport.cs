using System.Globalization;
using System.Text.Json;

namespace Portal.LoadTests;

/// <summary>The figures of a run, each next to its target from issue 19, printed and optionally written as JSON.</summary>
public sealed record LoadReport(
    int CircuitsWanted,
    int CircuitsOpen,
    int CircuitsFailed,
    double HoldSeconds,
    long Interactions,
    long InteractionFailures,
    double? InteractionP50,
    double? InteractionP95,
    double? InteractionP99,
    double? OpenP95,
    long GateChecks,
    long GateFailures,
    long GateSkipped,
    double? GateP50,
    double? GateP95,
    double? GateP99,
    GateKindFigures ApprovedGate,
    GateKindFigures UnapprovedGate,
    long Registrations,
    long RegistrationFailures,
    double RequestsPerSecond,
    double? ResidentBytesPerCircuit,
    double? ManagedBytesPerCircuit,
    double? ResidentMegabytesAtPlateau,
    double? CpuMillisecondsPerInteraction,
    double? CpuMillisecondsPerGateCheck,
    double? ServerCpuCores)
{
    private const double InteractionP95Target = 200;
    private const double BytesPerCircuitTarget = 250 * 1024;
    private const double GateP95Target = 20;

    private static int notes;

    /// <summary>A problem seen during the run; the first few are printed, the rest only counted.</summary>
    public static void Note(string message)
    {
        if (Interlocked.Increment(ref notes) <= 20)
        {
            Console.Error.WriteLine($"  ! {message}");
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"circuits open at the end of the hold   {CircuitsOpen} of {CircuitsWanted} ({CircuitsFailed} failed to open or dropped); circuit opening p95 {Ms(OpenP95)}");
        output.WriteLine($"interactions in {HoldSeconds:0} s hold             {Interactions} ({Interactions / HoldSeconds:0.0}/s), {InteractionFailures} failed");
        output.WriteLine($"interaction latency p50/p95/p99       {Ms(InteractionP50)} / {Ms(InteractionP95)} / {Ms(InteractionP99)}   target p95 < {InteractionP95Target} ms: {Verdict(InteractionP95, InteractionP95Target)}");
        output.WriteLine($"server memory per circuit (RSS delta)  {Kb(ResidentBytesPerCircuit)}   target <= 250 KB: {Verdict(ResidentBytesPerCircuit, BytesPerCircuitTarget)}; RSS at plateau {ResidentMegabytesAtPlateau?.ToString("0", CultureInfo.InvariantCulture) ?? "n/a"} MB");
        output.WriteLine($"managed heap per circuit (gcdump)      {Kb(ManagedBytesPerCircuit)}");
        output.WriteLine($"server CPU per interaction            {CpuMillisecondsPerInteraction?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} ms (server busy {ServerCpuCores?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} cores on average, API load included)");
        if (GateChecks + GateFailures > 0)
        {
            output.WriteLine($"CD gate checks                         {GateChecks} ({GateChecks / HoldSeconds:0}/s), {GateFailures} failed, {GateSkipped} not sent (in-flight bound)");
            output.WriteLine($"CD gate latency p50/p95/p99           {Ms(GateP50)} / {Ms(GateP95)} / {Ms(GateP99)}   target p95 < {GateP95Target} ms at 2000/s: {Verdict(GateP95, GateP95Target)}");
            output.WriteLine($"  approved version (signatures)       {ApprovedGate.Checks} answered, {ApprovedGate.Failures} failed or not approved; p50/p95/p99 {Ms(ApprovedGate.P50)} / {Ms(ApprovedGate.P95)} / {Ms(ApprovedGate.P99)}");
            output.WriteLine($"  version never approved              {UnapprovedGate.Checks} answered, {UnapprovedGate.Failures} failed or approved; p50/p95/p99 {Ms(UnapprovedGate.P50)} / {Ms(UnapprovedGate.P95)} / {Ms(UnapprovedGate.P99)}");
            output.WriteLine($"server CPU per gate check             {CpuMillisecondsPerGateCheck?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} ms (all the server's CPU in the hold / gate checks: circuits and registrations included)");
        }
        output.WriteLine($"versions registered                    {Registrations}, {RegistrationFailures} failed");
        output.WriteLine($"requests per second (all kinds)        {RequestsPerSecond:0.0}");
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));

    private static string Ms(double? value) => value is null ? "n/a" : $"{value:0.0} ms";

    private static string Kb(double? bytes) => bytes is null ? "n/a" : $"{bytes / 1024:0} KB";

    private static string Verdict(double? value, double target) => value is null ? "not measured" : value <= target ? "met" : "MISSED";
}

/// <summary>The gate checks of one kind of answer: how many answered as expected, how many did not or failed, and their latency.</summary>
public sealed record GateKindFigures(long Checks, long Failures, double? P50, double? P95, double? P99)
{
    internal static GateKindFigures Of(Latencies checks) =>
        new(checks.Count, checks.Failures, checks.Percentile(50), checks.Percentile(95), checks.Percentile(99));
}

using Portal.LoadTests;

if (args.Contains("--help"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception invalid) when (invalid is ArgumentException or FormatException)
{
    Console.Error.WriteLine(invalid.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, pressed) =>
{
    pressed.Cancel = true;
    stop.Cancel();
};
await using var server = await PortalServer.AttachOrStartAsync(options, stop.Token);
Console.WriteLine($"portal {server.Url} (process {server.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
var report = await LoadRun.RunAsync(server, options, Console.Out, stop.Token);
report.Print(Console.Out);
if (options.Out is not null)
{
    report.Write(options.Out);
}
return 0;

using Portal.Web.Infrastructure;

if (OperationsCommands.IsHealthProbe(args))
{
    return await OperationsCommands.ProbeAsync(args);
}
var (resetDemoData, demoArgs) = DemoDataReset.Parse(args);
var (migrateOnly, portalArgs) = OperationsCommands.ParseMigrateOnly(demoArgs);
var builder = WebApplication.CreateBuilder(portalArgs);
builder.AddPortal();

var app = builder.Build();
if (migrateOnly)
{
    return await OperationsCommands.MigrateAsync(app);
}
await app.PrepareDatabaseAsync(resetDemoData);
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Visible to the test host.</summary>
public partial class Program;

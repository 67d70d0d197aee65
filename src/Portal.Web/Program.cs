using Portal.Web.Infrastructure;

var (resetDemoData, portalArgs) = DemoDataReset.Parse(args);
var builder = WebApplication.CreateBuilder(portalArgs);
builder.AddPortal();

var app = builder.Build();
await app.PrepareDatabaseAsync(resetDemoData);
app.UsePortal();
await app.RunAsync();

/// <summary>Visible to the test host.</summary>
public partial class Program;

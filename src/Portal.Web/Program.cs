using Portal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UsePortal();
await app.RunAsync();

/// <summary>Visible to the test host.</summary>
public partial class Program;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Portal.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for this provider's migrations without starting the portal.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, ConnectionString);
        return new PortalDbContext(options.Options);
    }

    private const string ConnectionString = "Data Source=design-time.db";
}

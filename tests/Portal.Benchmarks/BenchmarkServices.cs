using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Web.Features.AuditTrail;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Benchmarks;

/// <summary>The portal's services wired as the portal wires them, over a benchmark's database.</summary>
internal static class BenchmarkServices
{
    public static ModelService Models(IDbContextFactory<PortalDbContext> factory)
    {
        var audit = new AuditRecorder(factory);
        var guard = new AccessGuard(audit);
        return new ModelService(factory, guard, TimeProvider.System, new ModelWriteGuard(factory, guard, audit),
            new NotificationService(factory, guard, Options.Create(new NotificationOptions()), TimeProvider.System), new InventoryTextIndex());
    }

    public static AuditTrailService AuditTrail(IDbContextFactory<PortalDbContext> factory)
    {
        var audit = new AuditRecorder(factory);
        return new AuditTrailService(factory, new AccessGuard(audit), audit, TimeProvider.System, new MemoryCache(new MemoryCacheOptions()),
            new PortalMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()));
    }
}

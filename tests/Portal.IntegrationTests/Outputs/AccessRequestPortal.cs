using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Outputs.AccessRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>
/// The release test portal plus outputs: a Confidential output with a pii column on version 2.0.0 of a fresh model (its
/// primary owner is "owner-{key}", its team the given engineers), the access request and access log services, the notifications.
/// </summary>
public sealed class AccessRequestPortal : IDisposable
{
    public ReleasePortal Portal { get; } = new();

    public AccessRequestService Requests => Portal.App.Services.GetRequiredService<AccessRequestService>();

    public OutputAccessLogService AccessLog => Portal.App.Services.GetRequiredService<OutputAccessLogService>();

    public OutputAuthorizationService Authorization => Portal.App.Services.GetRequiredService<OutputAuthorizationService>();

    public static Actor Owner(string key) => new($"owner-{key}", $"Owner of {key}", new HashSet<string> { PortalRoles.Engineer });

    public static Actor Auditor(string id) => new(id, $"Auditor {id}", new HashSet<string> { PortalRoles.Auditor });

    public async Task<(string Key, ModelOutput Output)> OutputAsync(OutputClassification classification = OutputClassification.Confidential,
        ScoreRangeFinding? rangeFinding = null, params string[] teamMembers)
    {
        var key = await Portal.ModelAsync("Medium", teamMembers);
        await using var db = await DbAsync();
        var version = await db.ModelVersions.Where(v => v.ModelKey == key && v.Label == "2.0.0").Select(v => new { v.Id, v.ModelId }).SingleAsync();
        var details = new OutputDetails("scores", "Monthly scores.", Portal.Now.AddHours(-1), classification,
            [new("customer", OutputColumnType.String, [OutputTags.Pii]), new("score", OutputColumnType.Decimal, [])], 3, new ScoreRange("score", 0, 1));
        var output = ModelOutput.Register(version.ModelId, key, version.Id, "2.0.0", details,
            OutputData.Referenced("s3://bucket/scores.csv", 3), "test", Portal.Now);
        if (rangeFinding is not null)
        {
            output.RecordRangeCheck(rangeFinding);
        }
        db.ModelOutputs.Add(output);
        db.Actor = ReleasePortal.Admin;
        await db.SaveChangesAsync();
        return (key, output);
    }

    public async Task<PortalDbContext> DbAsync() =>
        await Portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async Task<List<Domain.Notifications.Notification>> NotificationsOfAsync(string subject)
    {
        await using var db = await DbAsync();
        return await db.Notifications.Where(n => n.RecipientSubject == subject).OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>The audit events of <paramref name="action"/> on the model <paramref name="modelKey"/>.</summary>
    public async Task<List<Domain.Audit.AuditEvent>> AuditAsync(string action, string modelKey)
    {
        await using var db = await DbAsync();
        return await db.AuditEvents.Where(a => a.Action == action && a.ModelKey == modelKey).ToListAsync();
    }

    public void Dispose() => Portal.Dispose();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Audits;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.IntegrationTests.Audits;

/// <summary>
/// The real portal (one SQLite file for the class) and what audit request tests arrange: a model whose team has a manager and an
/// engineer, its primary owner "owner-{key}" who answers, and an Auditor who asks.
/// </summary>
public sealed class AuditPortal : IDisposable
{
    public ReleasePortal Portal { get; } = new();

    public AuditRequestService Audits => Portal.App.Services.GetRequiredService<AuditRequestService>();

    public static Actor Auditor(string id = "auditor-ann") => new(id, $"Auditor {id}", new HashSet<string> { PortalRoles.Auditor });

    public static Actor Manager(string id) => new(id, $"Manager {id}", new HashSet<string> { PortalRoles.Manager });

    public static Actor Owner(string key) => ReleasePortal.Engineer($"owner-{key}");

    /// <summary>A model whose team is managed by "mgr-{suffix}" with engineer "eng-{suffix}" as a member; returns its key.</summary>
    public async Task<string> ModelAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return await Portal.ModelAsync("Medium", false, $"mgr-{suffix}", $"eng-{suffix}");
    }

    public async Task<(string Manager, string Engineer)> TeamPeopleAsync(string key)
    {
        await using var db = await Portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var model = await db.Models.SingleAsync(m => m.Key == key);
        var team = await db.Teams.SingleAsync(t => t.Name == model.Team);
        return (team.Members.First(m => m.IsManager).Subject, team.Members.First(m => !m.IsManager && m.Subject.StartsWith("eng-")).Subject);
    }

    public Task<AuditRequestRecord> OpenAsync(string key, Actor? auditor = null, params string[] questions) =>
        Audits.OpenAsync(auditor ?? Auditor(), new OpenAuditRequestInput("Q3 model risk review", [key],
            questions.Length == 0 ? ["Which data trained the production version?"] : questions, Portal.Now.AddDays(14), "High"));

    public Task<AuditItemRecord> AnswerAsync(AuditRequestRecord request, string key, params EvidenceRequest[] evidence) =>
        Audits.AnswerAsync(Owner(key), request.Id, 1, new AnswerInput("Version 1.0.0 was trained on the data set with the hash shown.", evidence, null));

    public async Task<int> CountAuditAsync(string action, string? modelKey = null)
    {
        await using var db = await Portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(a => a.Action == action && (modelKey == null || a.ModelKey == modelKey));
    }

    public async Task<List<string>> NotificationTitlesAsync(string recipient)
    {
        await using var db = await Portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Notifications.Where(n => n.RecipientSubject == recipient && n.Category == AuditNotifications.Category).Select(n => n.Title).ToListAsync();
    }

    public void Dispose() => Portal.Dispose();
}

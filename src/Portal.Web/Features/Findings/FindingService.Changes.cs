using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Findings;

/// <summary>The moves of a finding after it is raised: remediate, close, reopen. Each checks who, then the input, then the revision read.</summary>
public sealed partial class FindingService
{
    private const int EvidenceDescriptionMax = 300;

    /// <summary>The remediation owner says what was done, with evidence the portal holds; the reviewer who raised it is told.</summary>
    public async Task<FindingView> RemediateAsync(Actor actor, Guid id, string? note, IReadOnlyList<EvidenceInput>? evidence, int? revision,
        CancellationToken cancellationToken = default)
    {
        var target = $"finding {id}";
        await guard.EnsureAsync(actor, Permission.RemediateFinding, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await FindAsync(db, id, cancellationToken);
        if (FindingAccess.RemediateProblem(actor, finding) is { } problem)
        {
            await writes.RefuseAsync(actor, Permission.RemediateFinding, target, problem, finding.ModelKey, cancellationToken);
        }
        Reject(FindingRules.ValidateRemediation(note, evidence));
        var references = await ResolveAsync(db, finding, evidence ?? [], cancellationToken);
        await ApplyAsync(db, actor, finding, revision, f => f.Remediate(note!, references, actor.Id, actor.Name, Now), cancellationToken);
        await notifications.RemediatedAsync(finding, actor, cancellationToken);
        return (await ViewsAsync(db, [finding], cancellationToken)).Single();
    }

    public Task<FindingView> CloseAsync(Actor actor, Guid id, string? note, int? revision, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, id, "note", note, revision, closing: true, cancellationToken);

    public Task<FindingView> ReopenAsync(Actor actor, Guid id, string? reason, int? revision, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, id, "reason", reason, revision, closing: false, cancellationToken);

    /// <summary>A reviewer's judgement of the remediation: close it, or send it back with the reason; the remediation owner is told.</summary>
    private async Task<FindingView> DecideAsync(Actor actor, Guid id, string field, string? text, int? revision, bool closing,
        CancellationToken cancellationToken)
    {
        var target = $"finding {id}";
        await guard.EnsureAsync(actor, Permission.CloseFinding, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await FindAsync(db, id, cancellationToken);
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == finding.ModelId, cancellationToken);
        if (FindingAccess.DecideProblem(actor, finding, await ModelWriteGuard.PeopleAsync(db, model, cancellationToken), closing) is { } problem)
        {
            await writes.RefuseAsync(actor, Permission.CloseFinding, target, problem, finding.ModelKey, cancellationToken);
        }
        if (FindingRules.ReasonProblem(field, text) is { } bad)
        {
            throw InputRejectedException.For(field, bad);
        }
        Action<Finding> change = closing ? f => f.Close(text!, actor.Id, actor.Name, Now) : f => f.Reopen(text!, actor.Name, Now);
        await ApplyAsync(db, actor, finding, revision, change, cancellationToken);
        await notifications.DecidedAsync(finding, actor, cancellationToken);
        return (await ViewsAsync(db, [finding], cancellationToken)).Single();
    }

    private Task ApplyAsync(PortalDbContext db, Actor actor, Finding finding, int? revision, Action<Finding> change, CancellationToken cancellationToken) =>
        RevisionedChange.ApplyAsync(db, actor, finding, revision is { } read && read != finding.Revision, change,
            () => StaleAsync(finding.Id, cancellationToken), cancellationToken);

    /// <summary>
    /// Each piece of evidence must be a record of the finding's model; its description is taken now, so the finding shows
    /// what the record was when it was linked.
    /// </summary>
    private static async Task<IReadOnlyList<EvidenceReference>> ResolveAsync(PortalDbContext db, Finding finding, IReadOnlyList<EvidenceInput> evidence,
        CancellationToken cancellationToken)
    {
        var references = new List<EvidenceReference>();
        foreach (var input in evidence)
        {
            var reference = input.Reference!.Trim();
            var description = input.Kind switch
            {
                EvidenceKind.Document => await DocumentAsync(db, finding, reference, cancellationToken),
                EvidenceKind.Version => await VersionAsync(db, finding, reference, cancellationToken),
                _ => await ReleaseAsync(db, finding, reference, cancellationToken),
            } ?? throw InputRejectedException.For("evidence", $"Model {finding.ModelKey} has no {Words(input.Kind!.Value)} '{reference}'.");
            references.Add(new EvidenceReference(input.Kind!.Value, reference, description.Length <= EvidenceDescriptionMax ? description : description[..EvidenceDescriptionMax]));
        }
        return references;
    }

    private static async Task<string?> DocumentAsync(PortalDbContext db, Finding finding, string reference, CancellationToken cancellationToken) =>
        Guid.TryParse(reference, out var id)
            ? await db.ModelDocuments.AsNoTracking().Where(d => d.Id == id && d.ModelId == finding.ModelId)
                .Select(d => $"Document '{d.Title}' ({d.FileName}, SHA-256 {d.Sha256})").SingleOrDefaultAsync(cancellationToken)
            : null;

    // Labels compare regardless of case, as in the versions feature; EF translates ToUpper to SQL UPPER.
#pragma warning disable CA1862
    private static async Task<string?> VersionAsync(PortalDbContext db, Finding finding, string reference, CancellationToken cancellationToken)
    {
        var label = VersionRules.NormalizeLabel(reference);
        var version = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == finding.ModelId && v.Label.ToUpper() == label)
            .Select(v => new { v.Label, v.Stage, v.RegisteredAt }).FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : $"Version {version.Label} ({version.Stage}), registered {PortalFormat.Date(version.RegisteredAt)}";
    }
#pragma warning restore CA1862

    private static async Task<string?> ReleaseAsync(PortalDbContext db, Finding finding, string reference, CancellationToken cancellationToken)
    {
        if (!int.TryParse(reference.TrimStart('#'), out var id))
        {
            return null;
        }
        var request = await db.ReleaseRequests.AsNoTracking().Where(r => r.Id == id && r.ModelId == finding.ModelId)
            .Select(r => new { r.Id, r.VersionLabel, r.TargetStage, r.Status }).SingleOrDefaultAsync(cancellationToken);
        return request is null ? null : $"Release #{request.Id}: {request.VersionLabel} to {request.TargetStage} ({request.Status})";
    }

    private static string Words(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Document => "document",
        EvidenceKind.Version => "version",
        _ => "release request",
    };

    private static async Task<Finding> FindAsync(PortalDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Findings.SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException($"There is no finding {id}.");

    private async Task<ConflictException> StaleAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == id, cancellationToken);
        return new ConflictException($"Finding '{current.Title}' changed since you read it: it is {FindingRules.Describe(current.Status)} now " +
            $"(revision {current.Revision}); reload it and try again.");
    }
}

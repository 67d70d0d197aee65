using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Versions;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Web.Features.Releases;

/// <summary>
/// Release requests: request, list, assemble the evidence, withdraw, record gate exceptions, sign (promoting the
/// version when the tier's policy is met) and answer "is this version approved for that stage?". Every method checks its permission first.
/// </summary>
public sealed partial class ReleaseService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit, ReleaseGates gates,
    ReleaseNotifications notify, TimeProvider clock, PortalMetrics metrics)
{
    /// <summary>Model cards arrive with a later feature; until then the evidence says so.</summary>

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<ReleaseSummary>> ListAsync(Actor actor, string? modelKey = null, ReleaseStatus? status = null,
        int? page = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "release requests", cancellationToken);
        var (p, size) = Paging.Normalize(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = db.ReleaseRequests.AsNoTracking().Include(r => r.Signatures).AsQueryable();
        if (!string.IsNullOrWhiteSpace(modelKey))
        {
            var model = await ReleaseRecords.ModelAsync(db, modelKey, cancellationToken);
            requests = requests.Where(r => r.ModelId == model.Id);
        }
        if (status is { } wanted)
        {
            requests = requests.Where(r => r.Status == wanted);
        }
        var total = await requests.CountAsync(cancellationToken);
        var items = await requests.OrderByDescending(r => r.Id).Skip(Paging.Offset(p, size)).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<ReleaseSummary>([.. items.Select(ReleaseSummary.From)], total);
    }

    /// <summary>Pending requests the actor could sign now (not theirs, not for a model they own, not yet signed by them).</summary>
    public async Task<IReadOnlyList<ReleaseSummary>> AwaitingMySignatureAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, "release requests", cancellationToken);
        if (!actor.Can(Permission.SignRelease))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.ReleaseRequests.AsNoTracking().Include(r => r.Signatures)
            .Where(r => r.Status == ReleaseStatus.Pending).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var ownedModels = (await db.OwnershipAssignments.AsNoTracking().Where(o => o.OwnerSubject == actor.Id && o.EndedAt == null)
            .Select(o => o.ModelId).ToListAsync(cancellationToken)).ToHashSet();
        return [.. pending
            .Where(r => r.RequestedBy != actor.Id && !ownedModels.Contains(r.ModelId) && r.Signatures.All(s => s.SignerId != actor.Id))
            .Select(ReleaseSummary.From)];
    }

    public async Task<ReleaseDetail> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"release request {id}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await ReleaseRecords.RequestAsync(db.ReleaseRequests.AsNoTracking(), id, cancellationToken);
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == request.ModelId, cancellationToken);
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == request.VersionId, cancellationToken);
        var champion = request.Status == ReleaseStatus.Pending
            ? await ChampionAsync(db, request, cancellationToken)
            : await SignedChampionAsync(db, request, cancellationToken);
        var frozen = request.Frozen;
        var policy = frozen.Rules;
        var exceptions = await ReleaseRecords.ExceptionsAsync(db, id, cancellationToken);
        var people = await ReleaseRecords.PeopleAsync(db, model, cancellationToken);
        var now = Now;
        var results = request.Status == ReleaseStatus.Pending
            ? await gates.EvaluateAsync(ReleaseRecords.Subject(model, request, now), cancellationToken)
            : LastEvaluatedGates(request);
        var blocking = ReleaseRules.BlockingGates(policy, results, exceptions, now).Select(g => g.Gate).ToHashSet();
        var excepted = exceptions.Where(e => e.IsValidAt(now)).Select(e => e.Gate).ToHashSet();
        var signed = SignedVersion.From(version);
        return new ReleaseDetail(request.Id, model.Key, model.Name, model.Team, frozen.RiskTier, VersionView.From(version), request.TargetStage,
            request.Summary, request.RolloutPlan, request.RequestedBy, request.RequestedByName, request.RequestedAt, request.Status, request.ClosedAt,
            request.ClosedBy, request.ApprovedAt, request.RevalidationDueAt, request.Revision, policy, frozen.Revision, frozen.FairnessPolicyVersion,
            $"Judged by {frozen.Describe()}, frozen when requested.",
            request.Status == ReleaseStatus.Pending ? ReleaseRules.PolicyShortfall(policy, request.Signatures, ReleaseRecords.ExceptionRecorders(exceptions)) : null,
            [.. results.Select(g => new GateView(g.Gate, g.Title, g.Passed, g.Reason, !g.Passed && excepted.Contains(g.Gate), blocking.Contains(g.Gate)))],
            [.. exceptions.Select(e => new GateExceptionView(e.Id, e.Gate, e.Justification, e.RecordedByName, e.RecordedAt, e.ExpiresAt, e.IsValidAt(now)))],
            champion is null ? null : Compare(champion, version),
            [.. request.Signatures.OrderBy(s => s.SignedAt).ThenBy(s => s.Id).Select(s => View(s, request, signed))],
            new ReleaseActions(ReleaseRules.WithdrawProblem(actor, request) is null && actor.Can(Permission.RequestRelease),
                actor.Can(Permission.RecordGateException) && request.Status == ReleaseStatus.Pending,
                actor.Can(Permission.SignRelease) ? ReleaseRules.SigningProblem(actor.Id, request, people)
                    : RolePermissions.ExplainDenial(actor.Roles, Permission.SignRelease), actor.Can(Permission.SignRelease)));
    }

    /// <summary>
    /// The gates as they stand now for a release not yet requested, under the tier's policies in force now, and whether each
    /// would block approval; changes nothing. The request dialog shows them before the person submits.
    /// </summary>
    public async Task<IReadOnlyList<GateView>> PreviewGatesAsync(Actor actor, string modelKey, string versionLabel, VersionStage stage,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"gates of {modelKey}@{versionLabel}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await ReleaseRecords.ModelAsync(db, modelKey, cancellationToken);
        var version = await ReleaseRecords.VersionAsync(db.ModelVersions.AsNoTracking(), model, versionLabel, cancellationToken);
        var now = Now;
        var policy = (await ReleaseRecords.PolicyAsync(db, model.RiskTier, cancellationToken)).Rules;
        var fairness = (await Fairness.FairnessPolicyService.InForceAsync(db, model.RiskTier, now, cancellationToken)).Version;
        var results = await gates.EvaluateAsync(new ReleaseGateSubject(model.Id, model.Key, model.RiskTier, model.Team, version.Id, version.Label, stage,
            now, fairness), cancellationToken);
        var blocking = ReleaseRules.BlockingGates(policy, results, [], now).Select(g => g.Gate).ToHashSet(StringComparer.Ordinal);
        return [.. results.Select(g => new GateView(g.Gate, g.Title, g.Passed, g.Reason, Excepted: false, blocking.Contains(g.Gate)))];
    }

    /// <summary>
    /// The CD gate check: the version is in <paramref name="stageText"/> through a release request whose approval, recomputed
    /// from its signatures (each verified) against the policy frozen with it, holds and is not past revalidation. The stored
    /// status is not trusted; otherwise not approved, with the reasons.
    /// </summary>
    public async Task<ApprovalCheck> ApprovalAsync(Actor actor, string modelKey, string label, string? stageText, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"approval of {modelKey}@{label}", cancellationToken);
        if (!Enum.TryParse<VersionStage>(stageText ?? nameof(VersionStage.Production), ignoreCase: true, out var stage) || !ReleaseRules.ReleaseStages.Contains(stage))
        {
            throw InputRejectedException.For("stage", "Stage must be Staging or Production.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the check's queries: opening and closing it around each one cost nearly as much as a query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var queries = ApprovalQueries.For(db);
        var (version, key, approvalId) = await queries.VersionAsync(db, modelKey ?? "", label ?? "", stage, cancellationToken)
            ?? await NotFoundAsync(db, modelKey ?? "", label ?? "", cancellationToken);
        var reasons = new List<string>();
        if (version.Stage != stage)
        {
            reasons.Add($"Version {version.Label} of {key} is in {version.Stage}, not {stage}.");
        }
        if (approvalId is not { } requestId)
        {
            reasons.Add($"No approved release request moved {key}@{version.Label} to {stage}.");
            return new ApprovalCheck(false, reasons, null, null, null);
        }
        var approval = await queries.RequestAsync(db, requestId, cancellationToken);
        var recorders = await queries.ExceptionRecordersAsync(db, approval.Id, cancellationToken);
        var judged = ReleaseApproval.Judge(approval, SignedVersion.From(version), recorders);
        reasons.AddRange(judged.Reasons);
        if (judged.Approved && judged.RevalidationDueAt is { } due && due <= Now)
        {
            reasons.Add($"The approval of {judged.ApprovedAt:yyyy-MM-dd} (release request {approval.Id}) was due for revalidation on {due:yyyy-MM-dd}.");
        }
        return new ApprovalCheck(reasons.Count == 0, reasons, approval.Id, judged.ApprovedAt, judged.RevalidationDueAt);
    }

    /// <summary>Throws the not-found answer for a model or version the gate check did not find (it returns only if both exist after all).</summary>
    private static async Task<VersionOfModel> NotFoundAsync(PortalDbContext db, string modelKey, string label, CancellationToken cancellationToken)
    {
        var model = await ReleaseRecords.ModelAsync(db, modelKey, cancellationToken);
        return new VersionOfModel(await ReleaseRecords.VersionAsync(db.ModelVersions.AsNoTracking(), model, label, cancellationToken), model.Key, null);
    }

    /// <summary>
    /// For every model with a Production version: that version and the approved release request behind it (nulls when an
    /// Admin override put it there), recomputed from the signatures; an approval that does not hold says why in its problem.
    /// The stale-model checks read revalidation dates from here. <see cref="Actor.System"/> may call it for background checks.
    /// </summary>
    public async Task<IReadOnlyList<ProductionApproval>> ProductionApprovalsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (actor != Actor.System)
        {
            await guard.EnsureAsync(actor, Permission.ReadModels, "production approvals", cancellationToken);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var production = await db.ModelVersions.AsNoTracking().Where(v => v.Stage == VersionStage.Production)
            .Select(v => new { v.Id, v.ModelKey, v.Label }).ToListAsync(cancellationToken);
        var approvals = await CurrentProductionApprovals.ByVersionAsync(db, cancellationToken);
        return [.. production.OrderBy(v => v.ModelKey, StringComparer.Ordinal).Select(v => approvals.TryGetValue(v.Id, out var a)
            ? new ProductionApproval(v.ModelKey, v.Label, a.RequestId, a.ApprovedAt, a.RevalidationDueAt, a.Problem)
            : new ProductionApproval(v.ModelKey, v.Label, null, null, null, null))];
    }

    private static Task<ModelVersion?> ChampionAsync(PortalDbContext db, ReleaseRequest request, CancellationToken cancellationToken) =>
        db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == request.ModelId && v.Stage == request.TargetStage && v.Id != request.VersionId)
            .OrderByDescending(v => v.StageChangedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A closed request compares with the champion its last signer saw, which may since have been archived.</summary>
    private static async Task<ModelVersion?> SignedChampionAsync(PortalDbContext db, ReleaseRequest request, CancellationToken cancellationToken)
    {
        var last = request.Signatures.OrderByDescending(s => s.Id).FirstOrDefault();
        var prefix = $"champion:{request.ModelKey}@";
        var label = last is null ? null : SignedEvidence.ReferencesFrom(last.Evidence).FirstOrDefault(r => r.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        return label is null ? null : await db.ModelVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ModelId == request.ModelId && v.Label == label, cancellationToken);
    }

    private static ChampionComparison Compare(ModelVersion champion, ModelVersion challenger) => new(VersionView.From(champion),
        VersionComparison.Compare(champion, challenger),
        champion.EvaluationData is { } a && challenger.EvaluationData is { } b && string.Equals(a.Sha256, b.Sha256, StringComparison.OrdinalIgnoreCase));

    /// <summary>A closed request shows the gates as the last signer saw them, not as they stand today.</summary>
    private static List<Domain.Releases.GateResult> LastEvaluatedGates(ReleaseRequest request)
    {
        var last = request.Signatures.OrderByDescending(s => s.Id).FirstOrDefault();
        return last is null ? [] : SignedEvidence.GatesFrom(last.Evidence);
    }

    private static SignatureView View(ReleaseSignature s, ReleaseRequest request, SignedVersion version) =>
        new(s.Id, s.SignerId, s.SignerName, s.SignedAt, s.Meaning, s.Reason, s.SnapshotSha256, s.Verify(request, version));
}

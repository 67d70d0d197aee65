using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Fairness;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Fairness;

/// <summary>
/// Records fairness evaluations of model versions (computed here from a predictions file, or imported) and
/// reads them back. Each is judged on arrival against the tier's policy version then in force.
/// </summary>
public sealed class FairnessService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ModelWriteGuard writes, AuditRecorder audit,
    TimeProvider clock,
    IOptions<FairnessOptions> options)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>
    /// The check an upload passes before a byte of its body is read: whoever may not post an evaluation of
    /// this version is refused (and audited) without the portal receiving their file.
    /// </summary>
    public Task EnsureMayPostAsync(Actor actor, string modelKey, string versionLabel, CancellationToken cancellationToken = default) =>
        writes.EnsureAsync(actor, Permission.PostFairnessEvaluation, modelKey, $"fairness of {modelKey}@{versionLabel}", cancellationToken);

    /// <summary>Checks the permission, then saves the upload and computes from it (the API's path).</summary>
    public async Task<EvaluationSummary> ComputeAsync(Actor actor, string modelKey, string versionLabel, Stream content, string? fileName,
        FairnessMapping mapping, CancellationToken cancellationToken = default)
    {
        await EnsureMayPostAsync(actor, modelKey, versionLabel, cancellationToken);
        RejectMapping(mapping);
        RejectFileName(PredictionUpload.NameOf(fileName));
        using var upload = await PredictionUpload.SaveAsync(content, fileName, MaxUploadBytes, cancellationToken);
        return await ComputeAsync(actor, modelKey, versionLabel, upload, mapping, cancellationToken);
    }

    /// <summary>Computes from an upload already saved (the upload page's path, after its mapping step).</summary>
    public async Task<EvaluationSummary> ComputeAsync(Actor actor, string modelKey, string versionLabel, PredictionUpload upload,
        FairnessMapping mapping, CancellationToken cancellationToken = default)
    {
        await EnsureMayPostAsync(actor, modelKey, versionLabel, cancellationToken);
        RejectMapping(mapping);
        RejectFileName(upload.FileName);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await FindSubjectAsync(db, modelKey, versionLabel, cancellationToken);
        var result = await Task.Run(() => Compute(upload, mapping, cancellationToken), cancellationToken);
        return await RecordAsync(db, actor, subject, result, EvaluationSource.Computed, upload.FileName, mapping.Describe(), cancellationToken);
    }

    public async Task<EvaluationSummary> ImportAsync(Actor actor, string modelKey, string versionLabel, FairnessReport? report,
        CancellationToken cancellationToken = default)
    {
        await EnsureMayPostAsync(actor, modelKey, versionLabel, cancellationToken);
        var errors = ImportedResults.Validate(report);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await FindSubjectAsync(db, modelKey, versionLabel, cancellationToken);
        var result = ImportedResults.From(report!, options.Value.MinimumGroupSize);
        return await RecordAsync(db, actor, subject, result, EvaluationSource.Imported, null, null, cancellationToken);
    }

    /// <summary>
    /// A ComplianceReviewer, as a person (never a service token), vouches for an imported evaluation with a reason, so that the
    /// fairness gate may count it. Separation of duties: nobody attests the evidence of a model they own. Audited.
    /// </summary>
    public async Task<EvaluationSummary> AttestAsync(Actor actor, SigningSession session, string modelKey, string versionLabel, int id, string? reason,
        CancellationToken cancellationToken = default)
    {
        var target = $"fairness evaluation {id} of {modelKey}@{versionLabel}";
        await guard.EnsureAsync(actor, Permission.AttestFairnessEvaluation, target, cancellationToken);
        if (session.IsServiceToken)
        {
            await DenyAsync(actor, modelKey, target,
                "Attestations are made by people: a service token or pipeline cannot attest fairness evidence. Attest it on the model's Fairness tab.",
                cancellationToken);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await FindSubjectAsync(db, modelKey, versionLabel, cancellationToken);
        var evaluation = await db.FairnessEvaluations.SingleOrDefaultAsync(e => e.Id == id && e.VersionId == subject.VersionId, cancellationToken)
            ?? throw new NotFoundException($"Version {subject.VersionLabel} of {subject.ModelKey} has no fairness evaluation {id}.");
        var owners = (await db.OwnershipAssignments.AsNoTracking().Where(o => o.ModelId == subject.ModelId && o.EndedAt == null)
            .Select(o => o.OwnerSubject).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (evaluation.AttestationProblem(actor.Id, owners, reason) is { } problem)
        {
            if (owners.Contains(actor.Id))
            {
                await DenyAsync(actor, subject.ModelKey, target, problem, cancellationToken);
            }
            throw evaluation.Source != EvaluationSource.Imported || evaluation.IsAttested
                ? new ConflictException(problem)
                : InputRejectedException.For("reason", problem);
        }
        evaluation.Attest(actor.Id, actor.Name, reason!, clock.GetUtcNow().UtcDateTime);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        return EvaluationSummary.From(evaluation);
    }

    /// <summary>A model's evaluations, newest first; optionally of one version only.</summary>
    public async Task<IReadOnlyList<EvaluationSummary>> ListAsync(Actor actor, string modelKey, string? versionLabel = null,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"fairness of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.FairnessEvaluations.AsNoTracking();
        if (versionLabel is null)
        {
            var model = await FindModelAsync(db, modelKey, cancellationToken);
            query = query.Where(e => e.ModelId == model.Id);
        }
        else
        {
            var subject = await FindSubjectAsync(db, modelKey, versionLabel, cancellationToken);
            query = query.Where(e => e.VersionId == subject.VersionId);
        }

        var evaluations = await query.OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        return [.. evaluations.Select(EvaluationSummary.From)];
    }

    public async Task<EvaluationDetail> GetAsync(Actor actor, string modelKey, int id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"fairness evaluation {id} of {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var evaluation = await db.FairnessEvaluations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.ModelId == model.Id, cancellationToken)
            ?? throw new NotFoundException($"Model {model.Key} has no fairness evaluation {id}.");
        var policy = await PolicyVersionAsync(db, evaluation.RiskTier, evaluation.PolicyVersion, cancellationToken);
        return new EvaluationDetail(EvaluationSummary.From(evaluation), evaluation.Results(), PolicyView.From(policy), evaluation.Mapping, evaluation.ResultsSha256);
    }

    private FairnessResult Compute(PredictionUpload upload, FairnessMapping mapping, CancellationToken cancellationToken)
    {
        using var reader = upload.Open();
        try
        {
            return FairnessCalculator.Compute(reader, mapping, options.Value.MinimumGroupSize, options.Value.MaxGroups, cancellationToken);
        }
        catch (PredictionFileException refused)
        {
            throw InputRejectedException.For("file", refused.Message);
        }
    }

    private async Task<EvaluationSummary> RecordAsync(PortalDbContext db, Actor actor, EvaluationSubject subject, FairnessResult result,
        EvaluationSource source, string? fileName, string? mapping, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var policy = await FairnessPolicyService.InForceAsync(db, subject.RiskTier, now, cancellationToken);
        var evaluation = FairnessEvaluation.Record(subject, result, source, policy, fileName, mapping, actor.Name, now);
        db.FairnessEvaluations.Add(evaluation);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        return EvaluationSummary.From(evaluation);
    }

    private async Task DenyAsync(Actor actor, string modelKey, string target, string reason, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "FairnessEvaluation", target,
            new { target, permission = nameof(Permission.AttestFairnessEvaluation), reason }, modelKey, cancellationToken);
        throw new AccessDeniedException(Permission.AttestFairnessEvaluation, reason);
    }

    private static async Task<FairnessPolicy> PolicyVersionAsync(PortalDbContext db, RiskTier tier, int version, CancellationToken cancellationToken) =>
        version == 0
            ? FairnessPolicy.Default(tier)
            : await db.FairnessPolicies.AsNoTracking().SingleAsync(p => p.RiskTier == tier && p.Version == version, cancellationToken);

    private static void RejectMapping(FairnessMapping mapping)
    {
        var errors = mapping.Validate();
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }

    /// <summary>Refused before the file is read: SQL Server would refuse the row only after the computation.</summary>
    private static void RejectFileName(string fileName)
    {
        if (FairnessEvaluation.FileNameProblem(fileName) is { } problem)
        {
            throw InputRejectedException.For("fileName", problem);
        }
    }

    private sealed record ModelRef(int Id, string Key, RiskTier RiskTier);

    private static async Task<ModelRef> FindModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().Where(m => m.KeyNormalized == normalized).Select(m => new ModelRef(m.Id, m.Key, m.RiskTier))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    // Labels compare regardless of case, as in the versions feature; EF translates ToUpper to SQL UPPER.
#pragma warning disable CA1862
    private static async Task<EvaluationSubject> FindSubjectAsync(PortalDbContext db, string modelKey, string label, CancellationToken cancellationToken)
    {
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var normalized = VersionRules.NormalizeLabel(label ?? "");
        var version = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id && v.Label.ToUpper() == normalized)
            .Select(v => new { v.Id, v.Label }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Model {model.Key} has no version labelled '{label}'.");
        return new EvaluationSubject(model.Id, model.Key, model.RiskTier, version.Id, version.Label);
    }
#pragma warning restore CA1862
}

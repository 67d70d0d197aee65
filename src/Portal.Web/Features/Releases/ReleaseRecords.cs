using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Domain.Teams;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Releases;

/// <summary>Reads what the release rules need from the database: models, versions, owners and team members, policies.</summary>
internal static class ReleaseRecords
{
    public static async Task<Model> ModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    // Labels compare regardless of case; EF translates ToUpper to SQL UPPER, which string.Equals with a comparison would not.
#pragma warning disable CA1862
    public static async Task<ModelVersion> VersionAsync(IQueryable<ModelVersion> versions, Model model, string label, CancellationToken cancellationToken)
    {
        var normalized = VersionRules.NormalizeLabel(label ?? "");
        return await versions.FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Label.ToUpper() == normalized, cancellationToken)
            ?? throw new NotFoundException($"Model {model.Key} has no version labelled '{label}'.");
    }
#pragma warning restore CA1862

    public static async Task<ReleaseRequest> RequestAsync(IQueryable<ReleaseRequest> requests, int id, CancellationToken cancellationToken) =>
        await requests.Include(r => r.Signatures).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new NotFoundException($"There is no release request {id}.");

    public static Task<ModelPeople> PeopleAsync(PortalDbContext db, Model model, CancellationToken cancellationToken) =>
        ModelWriteGuard.PeopleAsync(db, model, cancellationToken);

    /// <summary>The tier's policy as the Admin set it, or the default when nobody changed it yet.</summary>
    public static async Task<ApprovalPolicy> PolicyAsync(PortalDbContext db, RiskTier tier, CancellationToken cancellationToken) =>
        await db.ApprovalPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.RiskTier == tier, cancellationToken) ?? ApprovalPolicy.Default(tier);

    public static Task<List<GateException>> ExceptionsAsync(PortalDbContext db, int requestId, CancellationToken cancellationToken) =>
        db.GateExceptions.AsNoTracking().Where(e => e.RequestId == requestId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>Gates judge under the tier and fairness policy frozen with the request, not the model's tier today.</summary>
    public static ReleaseGateSubject Subject(Model model, ReleaseRequest request, DateTime now) =>
        new(model.Id, model.Key, request.RiskTier, model.Team, request.VersionId, request.VersionLabel, request.TargetStage, now, request.FairnessPolicyVersion);

    /// <summary>Whoever recorded a gate exception on the request: they cannot be its only approver.</summary>
    public static IReadOnlySet<string> ExceptionRecorders(IEnumerable<GateException> exceptions) => ExceptionRecorders(exceptions.Select(e => e.RecordedBy));

    /// <summary>The same, from the recorders alone (the gate check reads no more of the exceptions).</summary>
    public static IReadOnlySet<string> ExceptionRecorders(IEnumerable<string> recordedBy) => recordedBy.ToHashSet(StringComparer.Ordinal);

    /// <summary>What the signature refers to besides the gates: the version and its data sets, and what is not tracked yet.</summary>
    public static IReadOnlyList<string> EvidenceReferences(ModelVersion version, ModelVersion? champion)
    {
        var references = new List<string> { $"version:{version.ModelKey}@{version.Label}" };
        if (version.TrainingData is { } training)
        {
            references.Add($"training-data:{training.Uri}#sha256:{training.Sha256}");
        }
        if (version.EvaluationData is { } evaluation)
        {
            references.Add($"evaluation-data:{evaluation.Uri}#sha256:{evaluation.Sha256}");
        }
        if (version.CodeCommit is { } commit)
        {
            references.Add($"code:{version.CodeRepository}@{commit}");
        }
        references.Add(champion is null ? "champion:none" : $"champion:{champion.ModelKey}@{champion.Label}");
        return references;
    }
}

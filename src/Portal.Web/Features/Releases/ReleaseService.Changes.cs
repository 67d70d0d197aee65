using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Versions;

namespace Portal.Web.Features.Releases;

public sealed partial class ReleaseService
{
    public async Task<ReleaseSummary> CreateAsync(Actor actor, string modelKey, string? versionLabel, VersionStage? targetStage, string? summary,
        string? rolloutPlan, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.RequestRelease, $"release of model {modelKey}", cancellationToken);
        var problems = ReleaseRules.RequestInputProblems(targetStage, summary, rolloutPlan).ToList();
        if (string.IsNullOrWhiteSpace(versionLabel))
        {
            problems.Insert(0, ("versionLabel", "Choose the version to release."));
        }
        Reject(problems);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await ReleaseRecords.ModelAsync(db, modelKey, cancellationToken);
        if (ReleaseRules.RequestProblem(actor, await ReleaseRecords.PeopleAsync(db, model, cancellationToken)) is { } refused)
        {
            await DenyAsync(actor, Permission.RequestRelease, model.Key, $"release of {model.Key}", refused, cancellationToken);
        }
        if (model.Status == LifecycleStatus.Retired)
        {
            throw new ConflictException($"Model {model.Key} is retired; its versions are not released any more.");
        }
        var version = await ReleaseRecords.VersionAsync(db.ModelVersions.AsNoTracking(), model, versionLabel!, cancellationToken);
        if (version.Stage == targetStage)
        {
            throw new ConflictException($"Version {version.Label} is already in {targetStage}.");
        }
        if (await db.ReleaseRequests.AnyAsync(r => r.VersionId == version.Id && r.TargetStage == targetStage && r.Status == ReleaseStatus.Pending, cancellationToken))
        {
            throw new ConflictException($"A release of {model.Key}@{version.Label} to {targetStage} is already pending; withdraw it or have it decided first.");
        }
        var now = Now;
        // Frozen now: a later change of the model's tier or of either policy does not change how this request is judged.
        var frozen = FrozenPolicy.From(await ReleaseRecords.PolicyAsync(db, model.RiskTier, cancellationToken),
            (await Fairness.FairnessPolicyService.InForceAsync(db, model.RiskTier, now, cancellationToken)).Version);
        var request = ReleaseRequest.Create(version, targetStage!.Value, summary!, rolloutPlan!, actor.Id, actor.Name, now, frozen);
        db.ReleaseRequests.Add(request);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        await notify.RequestedAsync(request.Id, cancellationToken);
        return ReleaseSummary.From(request);
    }

    public async Task<ReleaseSummary> WithdrawAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.RequestRelease, $"release request {id}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await ReleaseRecords.RequestAsync(db.ReleaseRequests, id, cancellationToken);
        if (ReleaseRules.WithdrawProblem(actor, request) is { } refused)
        {
            if (request.Status != ReleaseStatus.Pending)
            {
                throw new ConflictException(refused);
            }
            await DenyAsync(actor, Permission.RequestRelease, request.ModelKey, $"release request {id}", refused, cancellationToken);
        }
        await RevisionedChange.ApplyAsync(db, actor, request, isStale: false, r => r.Withdraw(actor.Name, Now),
            () => Task.FromResult(Changed(id)), cancellationToken);
        await notify.WithdrawnAsync(id, actor, cancellationToken);
        return ReleaseSummary.From(request);
    }

    /// <summary>
    /// A ComplianceReviewer lets a failing gate not block this request until <paramref name="expiresAt"/>. Like a signature,
    /// only a person who authenticated within the signing window may do it; service tokens never.
    /// </summary>
    public async Task<GateExceptionView> RecordExceptionAsync(Actor actor, SigningSession session, int id, string? gate, string? justification,
        DateTime? expiresAt, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.RecordGateException, $"release request {id}", cancellationToken);
        if (ReleaseRules.ExceptionAuthenticationProblem(session, Now) is { } stale)
        {
            await DenyAsync(actor, Permission.RecordGateException, null, $"release request {id}", stale, cancellationToken);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await ReleaseRecords.RequestAsync(db.ReleaseRequests.AsNoTracking(), id, cancellationToken);
        var now = Now;
        var expiry = expiresAt is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : (DateTime?)null;
        if (ReleaseRules.ExceptionProblem(request, gate, gates.Names, justification, now, expiry) is { } problem)
        {
            throw request.Status == ReleaseStatus.Pending ? InputRejectedException.For(problem.Field, problem.Message) : new ConflictException(problem.Message);
        }
        var exception = GateException.Record(request, gate!, justification!, actor.Id, actor.Name, now, expiry!.Value);
        db.GateExceptions.Add(exception);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        var recorded = new GateExceptionView(exception.Id, exception.Gate, exception.Justification, exception.RecordedByName, exception.RecordedAt,
            exception.ExpiresAt, true);
        await notify.ExceptionRecordedAsync(id, actor, recorded, cancellationToken);
        return recorded;
    }

    /// <summary>
    /// Signs a request after checking the signer's fresh authentication and separation of duties. An approval that meets the
    /// tier's policy moves the version (archiving the one it replaces) in the same transaction as the signature; a rejection
    /// closes the request. Two signers at once are serialized: the later one re-reads the request once, or gets a 409.
    /// </summary>
    public async Task<ReleaseDetail> SignAsync(Actor actor, SigningSession session, int id, SignatureMeaning meaning, string? reason,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.SignRelease, $"release request {id}", cancellationToken);
        if (!Enum.IsDefined(meaning))
        {
            throw InputRejectedException.For("meaning", "Meaning must be Approved, Rejected or Reviewed.");
        }
        if (ReleaseRules.ReasonProblem(reason) is { } missing)
        {
            throw InputRejectedException.For("reason", missing);
        }
        if (ReleaseRules.AuthenticationProblem(session, Now) is { } stale)
        {
            await DenyAsync(actor, Permission.SignRelease, null, $"release request {id}", stale, cancellationToken);
        }
        try
        {
            await SignOnceAsync(actor, session, id, meaning, reason!, cancellationToken);
        }
        catch (Exception lost) when (IsLostRace(lost))
        {
            // Someone signed at the same moment: read the request again and decide again, once.
            try
            {
                await SignOnceAsync(actor, session, id, meaning, reason!, cancellationToken);
            }
            catch (Exception again) when (IsLostRace(again))
            {
                throw Changed(id);
            }
        }
        metrics.SignatureRecorded(meaning);
        await notify.SignedAsync(id, actor, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    private async Task SignOnceAsync(Actor actor, SigningSession session, int id, SignatureMeaning meaning, string reason, CancellationToken cancellationToken)
    {
        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seen = await ReleaseRecords.RequestAsync(read.ReleaseRequests.AsNoTracking(), id, cancellationToken);
        var model = await read.Models.AsNoTracking().SingleAsync(m => m.Id == seen.ModelId, cancellationToken);
        var people = await ReleaseRecords.PeopleAsync(read, model, cancellationToken);
        if (model.Status == LifecycleStatus.Retired)
        {
            throw new ConflictException($"Model {model.Key} is retired; release request {id} can no longer be signed.");
        }
        if (ReleaseRules.SigningProblem(actor.Id, seen, people) is { } refused)
        {
            if (seen.Status != ReleaseStatus.Pending || seen.Signatures.Any(s => s.SignerId == actor.Id))
            {
                throw new ConflictException(refused);
            }
            await DenyAsync(actor, Permission.SignRelease, model.Key, $"release request {id}", refused, cancellationToken);
        }
        var now = Now;
        var policy = seen.Frozen.Rules;
        var exceptions = await ReleaseRecords.ExceptionsAsync(read, id, cancellationToken);
        var recorders = ReleaseRecords.ExceptionRecorders(exceptions);
        if (ReleaseRules.ExceptionRecorderProblem(actor.Id, meaning, seen, recorders) is { } recorded)
        {
            await DenyAsync(actor, Permission.SignRelease, model.Key, $"release request {id}", recorded, cancellationToken);
        }
        // Gates read the database themselves; they run before the write lock is taken.
        var results = await gates.EvaluateAsync(ReleaseRecords.Subject(model, seen, now), cancellationToken);
        var blocking = ReleaseRules.BlockingGates(policy, results, exceptions, now);
        if (meaning == SignatureMeaning.Approved && blocking.Count > 0)
        {
            throw new ConflictException($"You cannot approve while {(blocking.Count == 1 ? "a gate fails" : "gates fail")}: " +
                string.Join(" ", blocking.Select(g => $"{g.Title}: {g.Reason}")) + " A ComplianceReviewer may record a time-limited exception for a failing gate.");
        }

        var signing = new Signing(actor, session, id, seen.Revision, meaning, reason, people, policy, results, exceptions, recorders, now);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        // Serializable (on SQLite a write lock from the start): two signers cannot both miss each other's signature.
        await db.InUnitOfWorkAsync(() => WriteSignatureAsync(db, signing, cancellationToken), IsolationLevel.Serializable, cancellationToken);
    }

    /// <summary>Everything decided before the write: who signs, what they saw (revision, gates, exceptions) and under which (frozen) policy.</summary>
    private sealed record Signing(Actor Actor, SigningSession Session, int RequestId, int SeenRevision, SignatureMeaning Meaning, string Reason,
        ModelPeople People, ApprovalRules Policy, IReadOnlyList<GateResult> Gates, IReadOnlyList<GateException> Exceptions,
        IReadOnlySet<string> ExceptionRecorders, DateTime Now);

    private static async Task WriteSignatureAsync(PortalDbContext db, Signing signing, CancellationToken cancellationToken)
    {
        var (actor, now) = (signing.Actor, signing.Now);
        var request = await ReleaseRecords.RequestAsync(db.ReleaseRequests, signing.RequestId, cancellationToken);
        if (request.Revision != signing.SeenRevision)
        {
            throw new DbUpdateConcurrencyException($"Release request {request.Id} changed while signing.");
        }
        var version = await db.ModelVersions.SingleAsync(v => v.Id == request.VersionId, cancellationToken);
        var champion = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == request.ModelId && v.Stage == request.TargetStage && v.Id != request.VersionId).FirstOrDefaultAsync(cancellationToken);
        var evidence = new SignedEvidence(signing.Gates, [.. signing.Exceptions.Where(e => e.IsValidAt(now))], ReleaseRecords.EvidenceReferences(version, champion));
        var signer = new SignerDetails(actor.Id, actor.Name, signing.Meaning, signing.Reason, now, signing.Session.AuthenticatedAt!.Value,
            signing.People.TeamMembers.Contains(actor.Id));
        var prospective = ReleaseSignature.Create(request, SignedVersion.From(version), signer, evidence);
        var approves = signing.Meaning == SignatureMeaning.Approved
            && ReleaseRules.PolicyShortfall(signing.Policy, [.. request.Signatures, prospective], signing.ExceptionRecorders) is null;
        var signature = approves ? ReleaseSignature.Create(request, SignedVersion.From(version), signer, evidence, approves: true) : prospective;
        try
        {
            await DecideAsync(db, actor, request, version, signature, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failed) when (ProductionRace.Lost(failed, db.Model))
        {
            throw ProductionRace.Conflict(request.ModelKey);
        }
    }

    /// <summary>
    /// Adds the signature. A rejection closes the request; the signature that meets the frozen policy moves the version and
    /// approves the request. The version it replaces in Production is archived and saved before the signature, so that save
    /// holds only the archiving and the request is audited once, as before.
    /// </summary>
    private static async Task DecideAsync(PortalDbContext db, Actor actor, ReleaseRequest request, ModelVersion version, ReleaseSignature signature,
        CancellationToken cancellationToken)
    {
        var now = signature.SignedAt;
        if (signature.Approves && version.Stage != request.TargetStage)
        {
            var inStage = await db.ModelVersions.Where(v => v.ModelId == request.ModelId && v.Stage == VersionStage.Production && v.Id != version.Id)
                .ToListAsync(cancellationToken);
            await StagePolicy.MoveAsync(inStage, version, request.TargetStage, $"{actor.Name} (release request {request.Id})", now,
                () => db.SaveChangesAsync(cancellationToken));
            await ModelStatus.FollowVersionsAsync(db, request.ModelId, now, cancellationToken);
        }
        request.Sign(signature);
        if (signature.Meaning == SignatureMeaning.Rejected)
        {
            request.Reject(actor.Name, now);
        }
        else if (signature.Approves)
        {
            request.Approve(actor.Name, now);
        }
    }

    private static bool IsLostRace(Exception failure) => failure is DbUpdateConcurrencyException
        || (failure is DbUpdateException && DatabaseErrors.Classify(failure).Kind == DatabaseErrorKind.UniqueViolation);

    /// <summary>A refusal beyond the role check (separation of duties, stale authentication, not the model's people): audited as a denial.</summary>
    private async Task DenyAsync(Actor actor, Permission permission, string? modelKey, string target, string reason, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "Release", target, new { target, permission = permission.ToString(), reason }, modelKey, cancellationToken);
        throw new AccessDeniedException(permission, reason);
    }

    private static ConflictException Changed(int id) =>
        new($"Release request {id} was changed by someone else at the same moment; nothing was signed. Reload it and decide again.");

    private static void Reject(List<(string Field, string Message)> problems)
    {
        if (problems.Count > 0)
        {
            throw new InputRejectedException(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Outputs;
using Portal.Domain.Ownership;
using Portal.Domain.Teams;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Outputs;

/// <summary>Registers outputs, lists them, reads them through <see cref="OutputAuthorizationService"/>, and gives and revokes grants.</summary>
public sealed class OutputService(
    IDbContextFactory<PortalDbContext> dbFactory,
    [FromKeyedServices(OutputsFeature.StoreName)] IContentStore store,
    OutputAuthorizationService authorization,
    OutputPolicyService policies,
    OutputDataReader reader,
    MaskedCopyService copies,
    ModelWriteGuard writeGuard,
    AccessGuard guard,
    IOptions<OutputsOptions> options,
    TimeProvider clock)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>Checked before any byte of an upload is read, so a refused caller's data is never received.</summary>
    public Task EnsureMayRegisterAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        writeGuard.EnsureAsync(actor, Permission.RegisterOutput, modelKey, $"outputs of model {modelKey}", cancellationToken);

    /// <summary>Registers an output whose data is <paramref name="data"/> (streamed to the store and checked against the schema as it passes), or, without data, its external reference.</summary>
    public async Task<OutputDetail> RegisterAsync(Actor actor, string modelKey, OutputRegistration registration, Stream? data,
        CancellationToken cancellationToken)
    {
        await EnsureMayRegisterAsync(actor, modelKey, cancellationToken);
        var details = registration.Details();
        var errors = OutputRules.Validate(details, await policies.KnownTagsAsync(cancellationToken));
        if (data is null && OutputRules.ReferenceProblem(registration.ExternalReference) is { } referenceProblem)
        {
            errors["externalReference"] = [referenceProblem];
        }
        if (data is not null && registration.Format is not (OutputFormat.Csv or OutputFormat.JsonLines))
        {
            errors["format"] = ["Say the data's format: Csv or JsonLines."];
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (model, version) = await FindVersionAsync(db, modelKey, registration.VersionLabel, cancellationToken);
        var outputData = data is null
            ? OutputData.Referenced(registration.ExternalReference!.Trim(), details.RowCount ?? 0)
            : await StoreAsync(data, registration.Format!.Value, details, cancellationToken);
        ModelOutput output;
        // From here on the stored file belongs to the row about to be saved: whatever stops that save deletes the file too.
        try
        {
            output = ModelOutput.Register(model.Id, model.Key, version.Id, version.Label, details, outputData, actor.Name, clock.GetUtcNow().UtcDateTime);
            db.ModelOutputs.Add(output);
            db.Actor = actor;
            if (output.ExpectedScoreRange is { } range && output.IsStored)
            {
                output.RecordRangeCheck(await CheckRangeAsync(output, range, cancellationToken));
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            if (outputData.StorageKey is { } key)
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            throw;
        }
        if (output.IsStored)
        {
            copies.Prebuild(output);
        }
        return await DetailAsync(actor, output.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<OutputSummary>> ListAsync(Actor actor, string modelKey, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ReadOutputs, $"outputs of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var outputs = await db.ModelOutputs.AsNoTracking().Where(o => o.ModelId == model.Id).OrderByDescending(o => o.ProducedAt).ThenByDescending(o => o.Id)
            .ToListAsync(cancellationToken);
        return [.. outputs.Select(OutputSummary.From)];
    }

    /// <summary>The metadata and the reader's decision; for an external reference, disclosing it is an audited read.</summary>
    public async Task<OutputDetail> DetailAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ReadOutputs, $"output {id}", cancellationToken);
        var (output, _, decision) = await authorization.DecideAsync(actor, id, cancellationToken);
        if (decision.Allowed && output.ExternalReference is not null)
        {
            await authorization.RecordAsync(actor, output, OutputReadChannel.Reference, null, decision, 0, completed: true, cancellationToken);
        }
        return new OutputDetail(output.Id, output.ModelKey, output.VersionLabel, output.Name, output.Description, output.ProducedAt, output.Classification,
            output.Columns, output.RowCount, output.ExpectedScoreRange, output.Format, output.SizeBytes, output.Sha256, output.IsStored,
            decision.Allowed ? output.ExternalReference : null, output.RegisteredBy, output.RegisteredAt, OutputAccessView.From(decision));
    }

    /// <summary>
    /// Streams the data to <paramref name="destination"/> in <paramref name="format"/>, masked and filtered as decided (from the plan's stored
    /// masked copy when there is one), the checksum checked as it streams; the read is recorded at the end with the rows returned (and as incomplete if it broke off).
    /// </summary>
    public async Task<OutputDownload> OpenDownloadAsync(Actor actor, int id, OutputFormat format, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ReadOutputs, $"output {id}", cancellationToken);
        var (output, decision) = await authorization.EnsureAllowedAsync(actor, id, OutputReadChannel.Download, format, cancellationToken);
        EnsureStored(output);
        return new OutputDownload(output, format, async (destination, token) =>
        {
            var read = new MaskedRead();
            try
            {
                await copies.DownloadAsync(output, decision, format, destination, read, token);
            }
            finally
            {
                await authorization.RecordAsync(actor, output, OutputReadChannel.Download, format, decision, read.Rows, read.Completed, CancellationToken.None,
                    read.FromStoredCopy);
            }
        });
    }

    /// <summary>A page of masked, filtered rows; the whole data is read so the checksum is verified before anything is answered.</summary>
    public async Task<OutputRowsPage> RowsAsync(Actor actor, int id, int? page, int? pageSize, OutputReadChannel channel, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ReadOutputs, $"output {id}", cancellationToken);
        var (number, size) = Paging.Normalize(page, pageSize);
        var (output, decision) = await authorization.EnsureAllowedAsync(actor, id, channel, OutputFormat.JsonLines, cancellationToken);
        EnsureStored(output);
        using var buffer = new MemoryStream();
        var (written, matched) = await reader.CopyAsync(output, decision, OutputFormat.JsonLines, buffer, new RowWindow(Paging.Offset(number, size), size, true),
            cancellationToken);
        await authorization.RecordAsync(actor, output, channel, OutputFormat.JsonLines, decision, written, completed: true, cancellationToken);
        var items = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        return new OutputRowsPage(items, number, size, matched, decision.Masks, decision.RowFilter?.ToString());
    }

    public Task<OutputRowsPage> PreviewAsync(Actor actor, int id, CancellationToken cancellationToken) =>
        RowsAsync(actor, id, 1, options.Value.PreviewRows, OutputReadChannel.Preview, cancellationToken);

    public async Task<IReadOnlyList<GrantView>> GrantsAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.GrantOutputAccess, $"output {id}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var output = await FindOutputAsync(db, id, cancellationToken);
        await EnsureMayManageGrantsAsync(db, actor, output, "Seeing the grants of", cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = await db.OutputGrants.AsNoTracking().Where(g => g.OutputId == id).OrderByDescending(g => g.GrantedAt).ToListAsync(cancellationToken);
        return [.. grants.Select(g => GrantView.From(g, now))];
    }

    /// <summary>Whether the actor may see and change the output's grants; for showing the list and buttons, not audited.</summary>
    public async Task<bool> MayManageGrantsAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var output = await FindOutputAsync(db, id, cancellationToken);
        return await GrantProblemAsync(db, actor, output, "Granting access to", cancellationToken) is null;
    }

    public async Task<GrantView> GrantAsync(Actor actor, int id, GrantRequest request, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.GrantOutputAccess, $"output {id}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var output = await FindOutputAsync(db, id, cancellationToken);
        await EnsureMayManageGrantsAsync(db, actor, output, "Granting access to", cancellationToken);
        if (request.GranteeKind != GranteeKind.Team && string.Equals(request.Grantee?.Trim(), actor.Id, StringComparison.Ordinal))
        {
            await RefuseSelfGrantAsync(actor, output, cancellationToken);
        }
        var terms = await TermsAsync(db, request, cancellationToken);
        if (await TeamMembershipAsync(db, terms, actor, cancellationToken))
        {
            await RefuseSelfGrantAsync(actor, output, cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = OutputGrantRules.Validate(terms, output, now);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        var grant = OutputGrant.Give(output.Id, output.ModelKey, terms, actor.Id, actor.Name, now);
        db.OutputGrants.Add(grant);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        return GrantView.From(grant, now);
    }

    public async Task<GrantView> RevokeAsync(Actor actor, int id, int grantId, string? reason, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.GrantOutputAccess, $"output {id}", cancellationToken);
        if (reason?.Length > OutputGrant.ReasonMaxLength || Domain.QueryText.HasControlCharacter(reason))
        {
            throw InputRejectedException.For("reason", $"The reason is at most {OutputGrant.ReasonMaxLength} characters without control characters.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var output = await FindOutputAsync(db, id, cancellationToken);
        await EnsureMayManageGrantsAsync(db, actor, output, "Revoking access to", cancellationToken);
        var grant = await db.OutputGrants.FirstOrDefaultAsync(g => g.Id == grantId && g.OutputId == id, cancellationToken)
            ?? throw new NotFoundException($"Output {id} has no grant {grantId}.");
        if (grant.RevokedAt is not null)
        {
            throw new ConflictException($"Grant {grantId} was already revoked on {grant.RevokedAt:yyyy-MM-dd HH:mm} UTC by {grant.RevokedBy}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        grant.Revoke(actor.Name, reason, now);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Grant {grantId} changed while you revoked it; reload and try again.");
        }
        return GrantView.From(grant, now);
    }

    /// <summary>Streams the stored data once more, counting the score values outside the declared range (for the out-of-range flag).</summary>
    private async Task<ScoreRangeFinding> CheckRangeAsync(ModelOutput output, ScoreRange range, CancellationToken cancellationToken)
    {
        await using var data = await store.OpenReadAsync(output.StorageKey!, output.Sha256!, cancellationToken);
        using var source = await OutputRowSource.OpenAsync(data, output.Format!.Value, output.Columns);
        return await new ScoreRangeCheck(range).CheckAsync(source, output.Columns, cancellationToken);
    }

    private static void EnsureStored(ModelOutput output)
    {
        if (!output.IsStored)
        {
            throw new ConflictException($"Output {output.Id} is not stored in the portal; its data lives at its external reference (shown on GET /api/v1/outputs/{output.Id} to those allowed to read it).");
        }
    }

    private async Task<OutputData> StoreAsync(Stream data, OutputFormat format, OutputDetails details, CancellationToken cancellationToken)
    {
        var checker = new OutputDataChecker(format, details.Columns);
        StoredContent stored;
        try
        {
            stored = await store.SaveAsync(new CheckingStream(data, checker), MaxUploadBytes, cancellationToken);
        }
        catch (OutputDataException problem)
        {
            throw InputRejectedException.For("file", problem.Message);
        }
        if (details.RowCount is { } declared && declared != checker.Rows)
        {
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw InputRejectedException.For("rowCount", $"The declared row count is {declared:N0}, but the data has {checker.Rows:N0} rows; nothing was stored.");
        }
        return OutputData.Stored(format, stored.Key, stored.Length, stored.Sha256, checker.Rows);
    }

    private async Task EnsureMayManageGrantsAsync(PortalDbContext db, Actor actor, ModelOutput output, string action, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.GrantOutputAccess, $"output {output.Id}", cancellationToken);
        if (await GrantProblemAsync(db, actor, output, action, cancellationToken) is { } problem)
        {
            await writeGuard.RefuseAsync(actor, Permission.GrantOutputAccess, $"output {output.Id}", problem, output.ModelKey, cancellationToken);
        }
    }

    /// <summary>Grants are decided by people: the model's primary owner, a Compliance reviewer or an Admin.</summary>
    private static async Task<string?> GrantProblemAsync(PortalDbContext db, Actor actor, ModelOutput output, string action, CancellationToken cancellationToken)
    {
        if (!actor.Can(Permission.GrantOutputAccess))
        {
            return RolePermissions.ExplainDenial(actor.Roles, Permission.GrantOutputAccess);
        }
        if (actor.IsServiceToken)
        {
            return $"{action} an output is a person's decision; service tokens neither give nor revoke grants.";
        }
        if (actor.Roles.Contains(PortalRoles.Admin) || actor.Roles.Contains(PortalRoles.ComplianceReviewer))
        {
            return null;
        }
        var isPrimary = await db.OwnershipAssignments.AsNoTracking().AnyAsync(a => a.ModelId == output.ModelId && a.EndedAt == null
            && a.Role == OwnerRole.Primary && a.OwnerSubject == actor.Id, cancellationToken);
        return isPrimary ? null : $"{action} output {output.Id} needs the primary owner of {output.ModelKey}, a Compliance reviewer or an Admin; you are none of these.";
    }

    private static async Task<GrantTerms> TermsAsync(PortalDbContext db, GrantRequest request, CancellationToken cancellationToken)
    {
        var kind = request.GranteeKind ?? (GranteeKind)(-1);
        var grantee = request.Grantee?.Trim() ?? "";
        var name = grantee;
        if (kind == GranteeKind.Team)
        {
            var normalized = Team.Normalize(grantee);
            var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.NameNormalized == normalized, cancellationToken)
                ?? throw InputRejectedException.For("grantee", $"There is no team named {grantee}.");
            (grantee, name) = (team.NameNormalized, team.Name);
        }
        else if (kind == GranteeKind.Person)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Subject == grantee, cancellationToken)
                ?? throw InputRejectedException.For("grantee", $"Nobody with the subject '{grantee}' has signed in to the portal.");
            name = user.Name;
        }
        return new GrantTerms(kind, grantee, name, request.Access ?? (GrantAccess)(-1), request.UnmaskedTags ?? [], request.RowFilter, request.Purpose,
            request.ExpiresAt?.ToUniversalTime());
    }

    private static async Task<bool> TeamMembershipAsync(PortalDbContext db, GrantTerms terms, Actor actor, CancellationToken cancellationToken) =>
        terms.GranteeKind == GranteeKind.Team
        && await db.Teams.AsNoTracking().Where(t => t.NameNormalized == terms.Grantee).ToListAsync(cancellationToken) is var teams
        && teams.Any(t => t.IsMember(actor.Id));

    private Task RefuseSelfGrantAsync(Actor actor, ModelOutput output, CancellationToken cancellationToken) =>
        writeGuard.RefuseAsync(actor, Permission.GrantOutputAccess, $"output {output.Id}",
            "Nobody grants access to themselves (or to a team they are in); another owner, a Compliance reviewer or an Admin decides.", output.ModelKey,
            cancellationToken);

    private static async Task<ModelOutput> FindOutputAsync(PortalDbContext db, int id, CancellationToken cancellationToken) =>
        await db.ModelOutputs.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw new NotFoundException($"No output has the id {id}.");

    private static async Task<Model> FindModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    // Labels compare regardless of case, as in the versions feature; EF translates ToUpper to SQL UPPER.
#pragma warning disable CA1862
    private static async Task<(Model Model, ModelVersion Version)> FindVersionAsync(PortalDbContext db, string key, string? label, CancellationToken cancellationToken)
    {
        var model = await FindModelAsync(db, key, cancellationToken);
        if (string.IsNullOrWhiteSpace(label))
        {
            throw InputRejectedException.For("versionLabel", "Say which version produced the output (versionLabel).");
        }
        var normalized = VersionRules.NormalizeLabel(label);
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Label.ToUpper() == normalized, cancellationToken)
            ?? throw new NotFoundException($"Model {model.Key} has no version labelled '{label}'.");
        return (model, version);
    }
#pragma warning restore CA1862
}

/// <summary>A download allowed and ready: <see cref="WriteAsync"/> streams it and records the read.</summary>
public sealed record OutputDownload(ModelOutput Output, OutputFormat Format, Func<Stream, CancellationToken, Task> WriteAsync)
{
    public string FileName => $"{Output.ModelKey}-{Output.VersionLabel}-{Output.Name}.{OutputRowWriter.Extension(Format)}";
}

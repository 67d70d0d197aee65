using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ModelCards;

/// <summary>
/// A model's card: read by whoever may read models; written, one immutable revision per save, by the model's people
/// (ModelWriteGuard); reviewed by a Compliance reviewer who does not own the model, as a person. Every write is audited
/// (the revision or review entity) and notifies who must act next.
/// </summary>
public sealed class ModelCardService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ModelWriteGuard writes, AuditRecorder audit,
    NotificationService notifications, TimeProvider clock)
{
    public async Task<CardView> GetAsync(Actor actor, string modelKey, int? revision = null, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindAsync(db, modelKey, cancellationToken);
        var latest = await CardModels.LatestAsync(db, model.Id, cancellationToken);
        var shown = revision is null || revision == latest?.Number ? latest
            : await db.ModelCardRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ModelId == model.Id && r.Number == revision, cancellationToken)
              ?? throw new NotFoundException($"The card of {model.Key} has no revision {revision}.");
        var reviews = await db.ModelCardReviews.AsNoTracking().Where(r => r.ModelId == model.Id)
            .Where(r => r.RevisionNumber == (shown == null ? 0 : shown.Number) || r.RevisionNumber == (latest == null ? 0 : latest.Number))
            .ToListAsync(cancellationToken);
        var template = await CardModels.TemplateAsync(db, model.RiskTier, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var sections = CardSections.Complete(shown?.Sections() ?? []);
        return new CardView(model.Key, model.Name, model.RiskTier, shown?.Number ?? 0, latest?.Number ?? 0, shown?.AuthorName, shown?.CreatedAt,
            shown?.ChangeSummary, shown?.VersionLabel, shown?.License,
            [.. sections.Select(s => new SectionView(s.Key, s.Title, s.Markdown, CardMarkdown.ToHtml(s.Markdown), s.WordCount, !s.IsStandard))],
            CardCompleteness.Of(sections, template),
            View(reviews.FirstOrDefault(r => r.RevisionNumber == shown?.Number)),
            View(reviews.FirstOrDefault(r => r.RevisionNumber == latest?.Number)));
    }

    public async Task<IReadOnlyList<RevisionSummary>> RevisionsAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card revisions of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindAsync(db, modelKey, cancellationToken);
        var revisions = await db.ModelCardRevisions.AsNoTracking().Where(r => r.ModelId == model.Id).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.AuthorName, r.CreatedAt, r.ChangeSummary, r.VersionLabel, r.ChangedSections })
            .ToListAsync(cancellationToken);
        var reviews = await db.ModelCardReviews.AsNoTracking().Where(r => r.ModelId == model.Id).ToDictionaryAsync(r => r.RevisionNumber, cancellationToken);
        return [.. revisions.Select(r => new RevisionSummary(r.Number, r.AuthorName, r.CreatedAt, r.ChangeSummary, r.VersionLabel,
            r.ChangedSections.Split(',', StringSplitOptions.RemoveEmptyEntries), View(reviews.GetValueOrDefault(r.Number))))];
    }

    /// <summary>Section by section, the words added and removed from revision <paramref name="left"/> to <paramref name="right"/>.</summary>
    public async Task<CardComparison> CompareAsync(Actor actor, string modelKey, int left, int right, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card of model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindAsync(db, modelKey, cancellationToken);
        var both = await db.ModelCardRevisions.AsNoTracking().Where(r => r.ModelId == model.Id && (r.Number == left || r.Number == right))
            .ToDictionaryAsync(r => r.Number, cancellationToken);
        IReadOnlyList<CardSection> SectionsOf(int number) => number == 0 ? []
            : both.TryGetValue(number, out var revision) ? revision.Sections()
            : throw new NotFoundException($"The card of {model.Key} has no revision {number}.");
        return new CardComparison(model.Key, left, right, CardDiff.Compare(SectionsOf(left), SectionsOf(right)));
    }

    /// <summary>Saves one section as the next revision; <paramref name="request"/> carries the revision the writer read.</summary>
    public async Task<CardView> SaveSectionAsync(Actor actor, string modelKey, string sectionKey, SaveSectionRequest request,
        CancellationToken cancellationToken = default)
    {
        // Authorized before the input is judged: an outsider learns nothing from the validation.
        await writes.EnsureAsync(actor, Permission.EditModelCard, modelKey, $"card of model {modelKey}", cancellationToken);
        var key = sectionKey?.Trim().ToLowerInvariant() ?? "";
        var errors = new Dictionary<string, string[]>();
        string? title = CardSections.StandardTitle(key);
        if (title is null)
        {
            if (!key.StartsWith(CardSections.CustomPrefix, StringComparison.Ordinal))
            {
                errors["section"] = [$"'{sectionKey}' is not a section: use one of {string.Join(", ", CardSections.Standard.Select(s => s.Key))}, or custom-<name> with a title."];
            }
            else if (CardRules.TitleProblem(request.Title) is { } titleProblem)
            {
                errors["title"] = [titleProblem];
            }
            else
            {
                title = request.Title!.Trim();
            }
        }
        if (CardRules.MarkdownProblem(request.Markdown) is { } markdownProblem)
        {
            errors["markdown"] = [markdownProblem];
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        return await SaveAsync(actor, modelKey, request.Revision, [new CardSection(key, title!, request.Markdown!)], request.ChangeSummary,
            request.VersionLabel, cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="changes"/> as the next revision, describing <paramref name="versionLabel"/> (null: the version the
    /// latest revision describes; empty: none). A stale <paramref name="expectedRevision"/> (someone saved
    /// since it was read) is a 409 naming who; so is losing a race for the same next number.
    /// </summary>
    public Task<CardView> SaveAsync(Actor actor, string modelKey, int? expectedRevision, IReadOnlyList<CardSection> changes, string? changeSummary,
        string? versionLabel, CancellationToken cancellationToken = default) =>
        SaveAsync(actor, modelKey, expectedRevision, changes, changeSummary, versionLabel, license: null, cancellationToken);

    /// <summary>As above, also setting the licence (null keeps it, empty removes it), as an imported Hugging Face card does.</summary>
    public async Task<CardView> SaveAsync(Actor actor, string modelKey, int? expectedRevision, IReadOnlyList<CardSection> changes, string? changeSummary,
        string? versionLabel, string? license, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindModelAsync(db, modelKey, cancellationToken);
        await writes.EnsureAsync(db, actor, Permission.EditModelCard, model, $"card of model {model.Key}", cancellationToken);
        Validate(changes, changeSummary, expectedRevision);
        var latest = await CardModels.LatestAsync(db, model.Id, cancellationToken);
        // A save that says nothing of the version (an import, a fixed typo) keeps the card's tie; an empty label unties it.
        var label = versionLabel is null ? latest?.VersionLabel : await VersionLabelAsync(db, model.Id, model.Key, versionLabel, cancellationToken);
        if ((latest?.Number ?? 0) != expectedRevision)
        {
            throw Stale(model.Key, latest);
        }
        ModelCardRevision next;
        try
        {
            next = ModelCardRevision.Next(latest, model.Id, model.Key, changes, changeSummary!, label, actor.Id, actor.Name, clock.GetUtcNow().UtcDateTime,
                license);
        }
        catch (InvalidOperationException refused)
        {
            throw new ConflictException(refused.Message);
        }
        db.ModelCardRevisions.Add(next);
        await CardStates.RevisedAsync(db, model, next, clock.GetUtcNow().UtcDateTime, cancellationToken);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            throw Stale(model.Key, await CardModels.LatestAsync(fresh, model.Id, cancellationToken));
        }
        await NotifyReviewersAsync(db, model, next, cancellationToken);
        return await GetAsync(actor, model.Key, null, cancellationToken);
    }

    /// <summary>Why the actor cannot review the card's latest revision now, or null; for the review button (not audited).</summary>
    public async Task<string?> ReviewProblemAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default)
    {
        if (!actor.Can(Permission.ReviewModelCard))
        {
            return RolePermissions.ExplainDenial(actor.Roles, Permission.ReviewModelCard);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindModelAsync(db, modelKey, cancellationToken);
        var latest = await CardModels.LatestAsync(db, model.Id, cancellationToken);
        if (latest is null)
        {
            return "The card has no revision to review yet.";
        }
        var reviewed = await db.ModelCardReviews.AnyAsync(r => r.ModelId == model.Id && r.RevisionNumber == latest.Number, cancellationToken);
        return ModelCardReview.Problem(actor.Id, await CardModels.OwnersAsync(db, model.Id, cancellationToken), latest, reviewed);
    }

    /// <summary>
    /// A Compliance reviewer, as a person who neither owns the model nor wrote the revision, marks the latest revision
    /// reviewed. Audited; the model's owners are told, with a link to the card.
    /// </summary>
    public async Task<ReviewView> ReviewAsync(Actor actor, SigningSession session, string modelKey, ReviewRequest request,
        CancellationToken cancellationToken = default)
    {
        var target = $"card of model {modelKey}";
        await guard.EnsureAsync(actor, Permission.ReviewModelCard, target, cancellationToken);
        if (session.IsServiceToken)
        {
            await DenyAsync(actor, modelKey, target,
                "Card reviews are made by people: a service token cannot review a model card. Review it on the model's Card tab.", cancellationToken);
        }
        if (CardRules.NoteProblem(request.Note) is { } noteProblem)
        {
            throw InputRejectedException.For("note", noteProblem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindModelAsync(db, modelKey, cancellationToken);
        var latest = await CardModels.LatestAsync(db, model.Id, cancellationToken)
            ?? throw new ConflictException($"The card of {model.Key} has no revision to review yet.");
        if (request.Revision is not { } revision)
        {
            throw InputRejectedException.For("revision", "Send the revision you reviewed.");
        }
        if (revision != latest.Number)
        {
            throw new ConflictException(
                $"Revision {revision} is not the card's latest: {latest.AuthorName} saved revision {latest.Number} on {latest.CreatedAt:yyyy-MM-dd HH:mm} UTC. Read it, then review that one.");
        }
        var owners = await CardModels.OwnersAsync(db, model.Id, cancellationToken);
        var reviewed = await db.ModelCardReviews.AnyAsync(r => r.ModelId == model.Id && r.RevisionNumber == latest.Number, cancellationToken);
        if (ModelCardReview.Problem(actor.Id, owners, latest, reviewed) is { } problem)
        {
            if (reviewed)
            {
                throw new ConflictException(problem);
            }
            await DenyAsync(actor, model.Key, target, problem, cancellationToken);
        }
        var production = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id && v.Stage == VersionStage.Production)
            .Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);
        var review = ModelCardReview.Create(latest, actor.Id, actor.Name, request.Note, production, clock.GetUtcNow().UtcDateTime);
        db.ModelCardReviews.Add(review);
        await CardStates.ReviewedAsync(db, review, cancellationToken);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"Revision {latest.Number} of {model.Key}'s card was reviewed by someone else a moment ago.");
        }
        await notifications.NotifyAsync([.. owners], "Model cards", $"Card of {model.Key} reviewed",
            $"{actor.Name} reviewed revision {latest.Number} of the card of {model.Key}" + (review.Note is null ? "." : $": {review.Note}"),
            CardModels.Link(model.Key), cancellationToken);
        return View(review)!;
    }

    private async Task NotifyReviewersAsync(PortalDbContext db, Model model, ModelCardRevision revision, CancellationToken cancellationToken)
    {
        var owners = await CardModels.OwnersAsync(db, model.Id, cancellationToken);
        var reviewers = (await db.Users.AsNoTracking().Where(u => u.IsActive && u.Roles.Contains(PortalRoles.ComplianceReviewer))
            .Select(u => u.Subject).ToListAsync(cancellationToken))
            .Where(s => !owners.Contains(s) && s != revision.AuthorSubject).ToList();
        await notifications.NotifyAsync(reviewers, "Model cards", $"Card of {model.Key} awaits review",
            $"{revision.AuthorName} saved revision {revision.Number} of the card of {model.Key}: {revision.ChangeSummary}", CardModels.Link(model.Key),
            cancellationToken);
    }

    private static void Validate(IReadOnlyList<CardSection> changes, string? changeSummary, int? expectedRevision)
    {
        var errors = new Dictionary<string, string[]>();
        if (expectedRevision is null or < 0)
        {
            errors["revision"] = ["Send the revision you read (0 when the card has none yet)."];
        }
        if (CardRules.ChangeSummaryProblem(changeSummary) is { } summaryProblem)
        {
            errors["changeSummary"] = [summaryProblem];
        }
        if (changes.Count > CardRules.MaxSections)
        {
            errors["sections"] = [$"A card has at most {CardRules.MaxSections} sections."];
        }
        foreach (var change in changes)
        {
            if (CardRules.MarkdownProblem(change.Markdown) is { } problem)
            {
                errors["markdown"] = [$"{change.Title}: {problem}"];
            }
            if (!change.IsStandard && CardRules.TitleProblem(change.Title) is { } titleProblem)
            {
                errors["title"] = [titleProblem];
            }
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }

    // Labels compare regardless of case, as in the versions feature; EF translates ToUpper to SQL UPPER.
#pragma warning disable CA1862
    private static async Task<string?> VersionLabelAsync(PortalDbContext db, int modelId, string modelKey, string? label, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        if (QueryText.HasControlCharacter(label) || label.Length > VersionRules.LabelMaxLength)
        {
            throw InputRejectedException.For("versionLabel", "A version label is one line of at most " + VersionRules.LabelMaxLength + " characters.");
        }
        var normalized = VersionRules.NormalizeLabel(label);
        return await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == modelId && v.Label.ToUpper() == normalized).Select(v => v.Label)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw InputRejectedException.For("versionLabel", $"{modelKey} has no version labelled '{label.Trim()}'.");
    }
#pragma warning restore CA1862

    private async Task DenyAsync(Actor actor, string modelKey, string target, string reason, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor, Domain.Audit.AuditActions.AccessDenied, "ModelCardReview", target,
            new { target, permission = nameof(Permission.ReviewModelCard), reason }, modelKey, cancellationToken);
        throw new AccessDeniedException(Permission.ReviewModelCard, reason);
    }

    private static ConflictException Stale(string modelKey, ModelCardRevision? latest) => new(latest is null
        ? $"The card of {modelKey} has no revisions yet; send revision 0."
        : $"The card of {modelKey} was changed by {latest.AuthorName} since you read it (now revision {latest.Number}, {latest.CreatedAt:yyyy-MM-dd HH:mm} UTC: {latest.ChangeSummary}). Reload it, then make your change again.") { IsStaleRevision = true };

    internal static ReviewView? View(ModelCardReview? review) =>
        review is null ? null : new ReviewView(review.RevisionNumber, review.ReviewerSubject, review.ReviewerName, review.ReviewedAt, review.Note);
}

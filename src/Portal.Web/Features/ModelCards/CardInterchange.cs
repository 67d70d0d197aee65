using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.ModelCards;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ModelCards;

/// <summary>POST .../card/import: a Hugging Face README.md; with preview=true nothing is saved.</summary>
public sealed record CardImportRequest(string? Readme, int? Revision, string? ChangeSummary, bool Preview);

/// <summary>
/// Hugging Face interchange of a card: export any revision as Markdown with YAML front matter (tags from the model; datasets and
/// metric results from the version the revision describes, else the production version), and import a README.md.
/// </summary>
public sealed class CardInterchange(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ModelWriteGuard writes, ModelCardService cards)
{
    public const int ReadmeMaxLength = 200_000;

    public async Task<string> ExportMarkdownAsync(Actor actor, string modelKey, int? revision, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card of model {modelKey}", cancellationToken);
        var card = await cards.GetAsync(actor, modelKey, revision, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await CardModels.FindModelAsync(db, modelKey, cancellationToken);
        var version = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id)
            .Where(v => card.VersionLabel != null ? v.Label == card.VersionLabel : v.Stage == VersionStage.Production)
            .FirstOrDefaultAsync(cancellationToken);
        var metadata = new CardMetadata(card.License, model.Tags,
            version is null ? [] : new[] { version.TrainingData?.Uri, version.EvaluationData?.Uri }.OfType<string>().ToList(),
            version is null ? [] : [.. version.Metrics.Where(m => m.Type == TypedValue.Number)
                .Select(m => new CardMetric(m.Key, double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)))]);
        return HuggingFaceCard.Export(model.Key, card.Sections.Select(s => new CardSection(s.Key, s.Title, s.Markdown)), metadata);
    }

    /// <summary>Reads a README.md into sections; saves them as the next revision unless a preview was asked for.</summary>
    public async Task<object> ImportAsync(Actor actor, string modelKey, CardImportRequest request, CancellationToken cancellationToken = default) =>
        request.Preview
            ? await PreviewImportAsync(actor, modelKey, request.Readme, cancellationToken)
            : await SaveImportAsync(actor, modelKey, request.Readme, request.Revision, request.ChangeSummary, cancellationToken);

    /// <summary>What a README.md would give, with nothing saved: its front matter, its sections and where each heading went.</summary>
    public async Task<ImportedCard> PreviewImportAsync(Actor actor, string modelKey, string? readme, CancellationToken cancellationToken = default)
    {
        // Authorized before the input is judged, as every read.
        await guard.EnsureAsync(actor, Permission.ReadModels, $"card of model {modelKey}", cancellationToken);
        return Read(readme);
    }

    /// <summary>Saves a README.md's sections as the revision after <paramref name="revision"/> (the one read; 409 when stale).</summary>
    public async Task<CardView> SaveImportAsync(Actor actor, string modelKey, string? readme, int? revision, string? changeSummary,
        CancellationToken cancellationToken = default)
    {
        // Authorized before the input is judged, as every write.
        await writes.EnsureAsync(actor, Permission.EditModelCard, modelKey, $"card of model {modelKey}", cancellationToken);
        var imported = Read(readme);
        return await cards.SaveAsync(actor, modelKey, revision, imported.Sections, changeSummary, null, imported.Metadata.License, cancellationToken);
    }

    private static ImportedCard Read(string? readme)
    {
        if (readme is null || readme.Length > ReadmeMaxLength)
        {
            throw InputRejectedException.For("readme", $"Send the README.md text, at most {ReadmeMaxLength} characters.");
        }
        ImportedCard imported;
        try
        {
            imported = HuggingFaceCard.Import(readme);
        }
        catch (FormatException invalid)
        {
            throw InputRejectedException.For("readme", invalid.Message);
        }
        if (imported.Metadata.License is { } license && (license.Length > ModelCardRevision.LicenseMaxLength || license.Any(char.IsControl)))
        {
            throw InputRejectedException.For("readme", $"The front matter's license must be one line of at most {ModelCardRevision.LicenseMaxLength} characters.");
        }
        return imported;
    }
}

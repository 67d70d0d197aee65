using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.ModelCards;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary>
/// The model card in force at the end of the range: <c>model-card/card.md</c> (its sections as Markdown),
/// <c>model-card/card.html</c> (rendered and sanitized, self-contained) and <c>model-card/review.json</c> (the revision's
/// author and summary, and its reviews).
/// </summary>
public sealed class ModelCardPart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    public string Name => "model card";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var revision = await db.ModelCardRevisions.AsNoTracking().Where(r => r.ModelId == scope.Model.Id && r.CreatedAt <= scope.AsOf)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (revision is null)
        {
            package.Summarize("Model card", "The model had no card by the end of the range.");
            return;
        }
        var reviews = await db.ModelCardReviews.AsNoTracking()
            .Where(r => r.ModelId == scope.Model.Id && r.RevisionNumber == revision.Number && r.ReviewedAt <= scope.AsOf)
            .OrderBy(r => r.ReviewedAt).ToListAsync(cancellationToken);
        var sections = revision.Sections();
        await package.WriteTextAsync("model-card/card.md", Markdown(sections), cancellationToken);
        await package.WriteTextAsync("model-card/card.html", Html(scope, revision, sections), cancellationToken);
        await package.WriteJsonAsync("model-card/review.json", file =>
        {
            file.Writer.WriteStartObject();
            file.Writer.WritePropertyName("revision");
            file.Write(new
            {
                revision.Number, revision.AuthorSubject, revision.AuthorName, revision.CreatedAt, revision.ChangeSummary, revision.ChangedSections,
                revision.VersionLabel,
            });
            file.Writer.WritePropertyName("reviews");
            file.Write(reviews);
            file.Writer.WriteEndObject();
            return Task.CompletedTask;
        }, cancellationToken);
        package.Summarize("Model card", $"Revision {revision.Number} by {revision.AuthorName}, {PortalFormat.Timestamp(revision.CreatedAt)}.",
            reviews.Count == 0 ? "Not reviewed by the end of the range." : $"Reviewed by {string.Join(", ", reviews.Select(r => $"{r.ReviewerName} ({PortalFormat.Timestamp(r.ReviewedAt)})"))}.");
    }

    private static string Markdown(IReadOnlyList<CardSection> sections)
    {
        var markdown = new StringBuilder();
        foreach (var section in sections)
        {
            markdown.Append("## ").Append(section.Title).Append("\n\n").Append(section.Markdown.TrimEnd()).Append("\n\n");
        }
        return markdown.ToString();
    }

    private static string Html(EvidenceScope scope, ModelCardRevision revision, IReadOnlyList<CardSection> sections)
    {
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(encoder.Encode($"Model card: {scope.Model.Key}, revision {revision.Number}"))
            .Append("</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}</style></head><body>\n<h1>")
            .Append(encoder.Encode($"Model card: {scope.Model.Name} ({scope.Model.Key}), revision {revision.Number}")).Append("</h1>\n");
        foreach (var section in sections)
        {
            // CardMarkdown renders with raw HTML off and sanitizes the result: what it returns is safe to embed.
            html.Append("<h2>").Append(encoder.Encode(section.Title)).Append("</h2>\n").Append(CardMarkdown.ToHtml(section.Markdown)).Append('\n');
        }
        return html.Append("</body></html>\n").ToString();
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Webhooks;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Webhooks;

/// <summary>
/// An Admin's webhook subscriptions: subscribe, enable or disable, rotate the secret. The secret is answered once and stored
/// protected with Data Protection (the key ring every instance shares), so the worker can sign and nobody can read it back.
/// </summary>
public sealed class WebhookSubscriptionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    WebhookAdminGuard admin,
    WebhookTargetGuard targets,
    WebhookSecrets secrets,
    TimeProvider clock)
{
    public const int MaxEventTypes = 32;

    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await admin.EnsureAsync(actor, "webhook subscriptions", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return subscriptions.Select(SubscriptionView.From).ToList();
    }

    public async Task<SubscriptionWithSecret> SubscribeAsync(Actor actor, SubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        await admin.EnsureAsync(actor, "webhook subscriptions", cancellationToken);
        var url = await CheckedUrlAsync(request.Url, cancellationToken);
        var description = CheckedDescription(request.Description);
        var types = CheckedEventTypes(request.EventTypes);
        var tier = CheckedTier(request.RiskTier);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await CheckedTeamAsync(db, request.Team, cancellationToken);
        var secret = WebhookSecret.Create();
        var subscription = WebhookSubscription.Create(url.AbsoluteUri, description, types, team, tier, secrets.Protect(secret), actor.Name,
            clock.GetUtcNow().UtcDateTime);
        db.WebhookSubscriptions.Add(subscription);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        return new SubscriptionWithSecret(SubscriptionView.From(subscription), secret);
    }

    public async Task<SubscriptionView> SetEnabledAsync(Actor actor, int id, SubscriptionStateRequest request, CancellationToken cancellationToken = default)
    {
        await admin.EnsureAsync(actor, $"webhook subscription {id}", cancellationToken);
        return SubscriptionView.From(await ChangeAsync(actor, id, request.Revision, s => s.SetEnabled(request.Enabled), cancellationToken));
    }

    public async Task<SubscriptionWithSecret> RotateSecretAsync(Actor actor, int id, RotateSecretRequest request, CancellationToken cancellationToken = default)
    {
        await admin.EnsureAsync(actor, $"webhook subscription {id}", cancellationToken);
        var secret = WebhookSecret.Create();
        var protectedSecret = secrets.Protect(secret);
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await ChangeAsync(actor, id, request.Revision, s => s.RotateSecret(protectedSecret, now), cancellationToken);
        return new SubscriptionWithSecret(SubscriptionView.From(subscription), secret);
    }

    private async Task<WebhookSubscription> ChangeAsync(Actor actor, int id, int revision, Action<WebhookSubscription> change,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Webhook subscription {id} does not exist.");
        if (subscription.Revision != revision)
        {
            throw Stale(subscription);
        }
        change(subscription);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale(subscription);
        }
        return subscription;
    }

    private static ConflictException Stale(WebhookSubscription subscription) =>
        new($"Webhook subscription {subscription.Id} was changed since you read it. Reload it, then make your change again.");

    private async Task<Uri> CheckedUrlAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > WebhookSubscription.UrlMaxLength || QueryText.HasControlCharacter(text)
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
        {
            throw InputRejectedException.For("url", $"Send the target as an absolute http or https URL of at most {WebhookSubscription.UrlMaxLength} characters.");
        }
        if (await targets.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            throw InputRejectedException.For("url", refusal);
        }
        return url;
    }

    private static string CheckedDescription(string? text)
    {
        var description = text?.Trim() ?? "";
        return description.Length > WebhookSubscription.DescriptionMaxLength || QueryText.HasControlCharacter(description)
            ? throw InputRejectedException.For("description", $"The description is plain text of at most {WebhookSubscription.DescriptionMaxLength} characters.")
            : description;
    }

    private static List<string> CheckedEventTypes(IReadOnlyList<string>? types)
    {
        if (types is null || types.Count == 0 || types.Count > MaxEventTypes)
        {
            throw InputRejectedException.For("eventTypes", $"Choose at least one event type: {string.Join(", ", WebhookEventTypes.All)}.");
        }
        var unknown = types.Where(t => !WebhookEventTypes.IsKnown(t)).ToList();
        return unknown.Count > 0
            ? throw InputRejectedException.For("eventTypes",
                $"Unknown event type {string.Join(", ", unknown.Take(3).Select(t => $"'{t[..Math.Min(64, t.Length)]}'"))}; known are {string.Join(", ", WebhookEventTypes.All)}.")
            : types.Distinct(StringComparer.Ordinal).ToList();
    }

    private static RiskTier? CheckedTier(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Enum.TryParse<RiskTier>(text, ignoreCase: true, out var tier) && Enum.IsDefined(tier) && !text.Any(char.IsDigit) ? tier
        : throw InputRejectedException.For("riskTier", "The risk tier filter is Low, Medium or High, or empty for every tier.");

    private static async Task<string?> CheckedTeamAsync(PortalDbContext db, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var normalized = Domain.Teams.Team.Normalize(text.Length > FieldLengths.Identity ? text[..FieldLengths.Identity] : text);
        var team = await db.Teams.AsNoTracking().Where(t => t.NameNormalized == normalized).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        return team ?? throw InputRejectedException.For("team", "No team has that name; leave the team empty for every team's events.");
    }
}

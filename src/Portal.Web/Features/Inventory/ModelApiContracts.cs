using Portal.Domain.Inventory;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

/// <summary>Body of <c>POST /api/v1/models</c>. Enum fields are text so that a wrong value gets a field message, not a parse failure.</summary>
public sealed record CreateModelRequest(string? Key, string? Name, string? Description, string? Team, string? RiskTier, string? Status, List<string>? Tags);

/// <summary>Body of <c>PUT /api/v1/models/{key}</c>; <c>revision</c> is the one read, so a stale edit is refused.</summary>
public sealed record UpdateModelRequest(string? Name, string? Description, string? Team, string? RiskTier, string? Status, List<string>? Tags, int? Revision);

/// <summary>Body of <c>PUT /api/v1/models/{key}/classification</c>: the new risk tier and team, why, and the revision read.</summary>
public sealed record ClassifyModelRequest(string? RiskTier, string? Team, string? Reason, int? Revision);

/// <summary>Body of <c>POST /api/v1/models/{key}/retire</c>.</summary>
public sealed record RetireModelRequest(string? Reason, int? Revision);

internal static class ModelRequestParsing
{
    public static ModelDetails ToDetails(string? key, string? name, string? description, string? team, string? riskTier, string? status, List<string>? tags)
    {
        var errors = new Dictionary<string, string[]>();
        var tier = ParseTier(riskTier, errors);
        var lifecycle = ParseEnum(status, LifecycleStatus.Development, "status", errors);
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
        return new ModelDetails(key ?? "", name ?? "", description, team ?? "", tier, lifecycle, tags ?? []);
    }

    /// <summary>The tier named, or null when none is (the service says it is required, after checking who asks).</summary>
    public static RiskTier? ParseTier(string? riskTier)
    {
        var errors = new Dictionary<string, string[]>();
        var tier = ParseTier(riskTier, errors);
        return errors.Count > 0 ? throw new InputRejectedException(errors) : tier;
    }

    private static RiskTier? ParseTier(string? riskTier, Dictionary<string, string[]> errors) =>
        string.IsNullOrWhiteSpace(riskTier) ? null : ParseEnum(riskTier, RiskTier.Medium, "riskTier", errors);

    public static int RequireRevision(int? revision) => revision
        ?? throw InputRejectedException.For("revision", "The revision you read is required, so that an edit based on stale data is refused.");

    private static T ParseEnum<T>(string? text, T fallback, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors[field] = [$"'{text}' is not valid; use one of {string.Join(", ", Enum.GetNames<T>())}."];
        return fallback;
    }
}

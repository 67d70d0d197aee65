using Portal.Domain.Inventory;

namespace Portal.Web.Features.Inventory;

/// <summary>The editable fields of the model form; tags are typed as a comma-separated list.</summary>
public sealed class ModelForm
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Team { get; set; } = "";
    /// <summary>No default: the tier decides the release policy, so the person registering chooses it.</summary>
    public RiskTier? RiskTier { get; set; }
    public LifecycleStatus Status { get; set; } = LifecycleStatus.Development;
    public string Tags { get; set; } = "";

    public ModelDetails ToDetails() =>
        new(Key, Name, Description, Team, RiskTier, Status, Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static ModelForm From(ModelView model) => new()
    {
        Key = model.Key,
        Name = model.Name,
        Description = model.Description,
        Team = model.Team,
        RiskTier = model.RiskTier,
        Status = model.Status,
        Tags = string.Join(", ", model.Tags),
    };
}

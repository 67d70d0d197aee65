using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Flags;

namespace Portal.Web.Features.Flags;

/// <summary>The registered rules and their effective settings (stored by an Admin, or the rule's defaults).</summary>
public sealed class FlagRuleCatalog(IEnumerable<IFlagRule> rules, IEnumerable<IModelFactsContributor> contributors)
{
    public IReadOnlyList<IFlagRule> Rules { get; } = [.. rules];

    /// <summary>The fact kinds some contributor provides; a rule needing another kind is not judged.</summary>
    public IReadOnlySet<string> KnownFacts { get; } = contributors.Select(c => c.Provides).ToHashSet(StringComparer.Ordinal);

    public IFlagRule? Find(string? name) => Rules.FirstOrDefault(r => string.Equals(r.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyDictionary<string, RuleSettings>> SettingsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.FlagRuleSettings.AsNoTracking().ToListAsync(cancellationToken);
        return Rules.ToDictionary(r => r.Name,
            r => stored.FirstOrDefault(s => s.Rule == r.Name)?.ToSettings() ?? RuleSettings.DefaultsOf(r), StringComparer.Ordinal);
    }

    /// <summary>The names of the rules whose open flags block releases now.</summary>
    public async Task<IReadOnlyList<string>> BlockingRulesAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(db, cancellationToken);
        return [.. settings.Where(s => s.Value.BlocksReleases).Select(s => s.Key)];
    }
}

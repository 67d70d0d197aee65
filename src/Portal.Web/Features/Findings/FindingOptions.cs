using Microsoft.Extensions.Options;
using Portal.Domain.Findings;

namespace Portal.Web.Features.Findings;

/// <summary>
/// Configuration section "Findings", validated at start-up: which severities of a finding that is not closed block a
/// model's releases (<c>Findings:BlockingSeverities:0=High</c>, ...; default High and Critical).
/// </summary>
public sealed class FindingOptions
{
    public const string Section = "Findings";

    private static readonly FindingSeverity[] DefaultBlocking = [FindingSeverity.High, FindingSeverity.Critical];

    /// <summary>
    /// Names as configured; null keeps the default. Text rather than enums, so that a misspelt severity fails start-up with
    /// its name instead of binding to nothing (and because a bound list would be appended to a default one, not replace it).
    /// </summary>
    public string[]? BlockingSeverities { get; set; }

    public IReadOnlyList<FindingSeverity> Blocking =>
        BlockingSeverities is null ? DefaultBlocking : [.. BlockingSeverities.Select(FindingRules.ParseSeverity).OfType<FindingSeverity>().Distinct()];
}

/// <summary>Refuses to start with a severity name that is none of Low, Medium, High or Critical.</summary>
public sealed class FindingOptionsValidator : IValidateOptions<FindingOptions>
{
    public ValidateOptionsResult Validate(string? name, FindingOptions options)
    {
        var unknown = (options.BlockingSeverities ?? []).Where(s => FindingRules.ParseSeverity(s) is null).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Findings:BlockingSeverities holds {string.Join(", ", unknown.Select(s => $"'{s}'"))}: each entry is one of Low, Medium, High or Critical.");
    }
}

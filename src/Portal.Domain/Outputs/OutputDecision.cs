namespace Portal.Domain.Outputs;

/// <summary>
/// The answer to "may this reader read this output, and how": allowed with the masked columns (by name, with their
/// function), the row filter and the grant behind it; or refused with a sentence saying what is missing and how to ask.
/// </summary>
public sealed record OutputDecision(
    bool Allowed,
    string? Refusal,
    IReadOnlyDictionary<string, MaskingFunction> Masks,
    RowFilter? RowFilter,
    OutputGrant? Grant,
    string Basis,
    int PolicyVersion)
{
    public bool IsMasked => Masks.Count > 0;

    /// <summary>
    /// The refusal without where to ask ("Restricted output: you need a grant"): a page that shows its own "Request access"
    /// button next to the sentence points at that button rather than at the page the reader is already on.
    /// </summary>
    public string? Missing { get; init; }

    /// <summary>Refused for <paramref name="missing"/>; the full sentence adds where to ask, for the API's 403 and the records.</summary>
    public static OutputDecision Refused(string missing, int outputId, int policyVersion) =>
        new(false, missing + WhereToAsk(outputId), new Dictionary<string, MaskingFunction>(), null, null, "refused", policyVersion)
        {
            Missing = missing,
        };

    /// <summary>A recorded refusal as the output's own page shows it: what was missing, not a link to the page one is on.</summary>
    public static string? WithoutWhereToAsk(string? refusal, int outputId) =>
        refusal is not null && refusal.EndsWith(WhereToAsk(outputId), StringComparison.Ordinal) ? refusal[..^WhereToAsk(outputId).Length] + "." : refusal;

    private static string WhereToAsk(int outputId) => $"; request access at /outputs/{outputId}.";
}

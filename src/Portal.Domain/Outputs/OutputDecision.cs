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

    public static OutputDecision Refused(string refusal, int policyVersion) =>
        new(false, refusal, new Dictionary<string, MaskingFunction>(), null, null, "refused", policyVersion);
}

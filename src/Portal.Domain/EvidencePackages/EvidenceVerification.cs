namespace Portal.Domain.EvidencePackages;

/// <summary>What verifying a package found: problems (each saying what and where; none means intact) and what was checked.</summary>
public sealed record EvidenceVerification(IReadOnlyList<string> Problems, IReadOnlyList<string> Checked)
{
    public bool Intact => Problems.Count == 0;
}

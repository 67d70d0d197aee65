namespace Portal.Domain.Releases;

public enum ReleaseStatus
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>What a signer means by a signature (21 CFR Part 11 §11.50(a)(3)).</summary>
public enum SignatureMeaning
{
    Approved,
    Rejected,
    Reviewed,
}

namespace Portal.Web.Features.ApiContract;

/// <summary>
/// What each tag of the API groups, for the OpenAPI document's tag list. A feature that adds a tag adds its line here
/// (the lint test names a tag without one).
/// </summary>
public static class ApiTags
{
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        ["Models"] = "The inventory: register, find, edit, classify and retire models; export the filtered inventory.",
        ["Versions"] = "Immutable trained versions of a model with their lineage, compared and moved between stages.",
        ["Ownership"] = "A model's primary and backup owners, their history, acknowledgment and bulk reassignment.",
        ["Teams"] = "Teams, their managers and members.",
        ["Releases"] = "Release requests, their gates and signatures, the CD gate check and the approval policy of each risk tier.",
        ["Flags"] = "Findings of the scan rules (orphaned, stale, revalidation due): list, acknowledge, snooze, scan.",
        ["Fairness"] = "Fairness evaluations of a version (computed here or imported) and the fairness policy of each risk tier.",
        ["Documents"] = "Files attached to a model or version: upload, describe, download, withdraw.",
        ["Model cards"] = "A model's card in Mitchell et al.'s sections: revisions, comparisons, reviews, imports and the templates per tier.",
        ["Outputs"] = "Data sets a model produced, who may read them and how they are masked.",
        ["Access requests"] = "Requests to read a model's outputs, and their decisions.",
        ["Findings"] = "Findings raised by reviewers and auditors, their remediation and closure.",
        ["Audit requests"] = "An auditor's questions about models, assigned, answered with evidence and closed.",
        ["Audit trail"] = "The hash-chained audit trail: read, export, verify against a digest.",
        ["Notifications"] = "The caller's in-app notifications.",
        ["Webhooks"] = "Signed deliveries of the portal's events to other systems: subscriptions, their secrets and the delivery log (Admin).",
        ["Evidence packages"] = "Signed evidence packages of a model for an auditor.",
    };
}

namespace Portal.EndToEndTests.Accessibility;

/// <summary>A page of the portal: a name for reports and its address, with {placeholders} for demo records.</summary>
public sealed record PortalPageRoute(string Name, string Route)
{
    /// <summary>The address with each {name} replaced by the demo record of that name.</summary>
    public string Path(IReadOnlyDictionary<string, string> records) =>
        records.Aggregate(Route, (path, record) => path.Replace($"{{{record.Key}}}", Uri.EscapeDataString(record.Value), StringComparison.Ordinal));
}

/// <summary>
/// Every page the accessibility and phone-width scan visits, for every demo person. A new page gets a row here;
/// a parameterised route names a demo record ({model}, {version}, {otherVersion}, {release}, {output}, {finding}, {auditRequest}; see DemoPortalEnvironment).
/// </summary>
public static class EveryPage
{
    public static readonly IReadOnlyList<PortalPageRoute> Routes =
    [
        new("Home", "/"),
        new("Model inventory", "/models"),
        new("Model overview", "/models/{model}"),
        new("Model versions", "/models/{model}?tab=versions"),
        new("Model ownership", "/models/{model}?tab=ownership"),
        new("Model releases", "/models/{model}?tab=releases"),
        new("Model fairness", "/models/{model}?tab=fairness"),
        new("Model documents", "/models/{model}?tab=documents"),
        new("Model card", "/models/{model}?tab=card"),
        new("Model outputs", "/models/{model}?tab=outputs"),
        new("Model findings", "/models/{model}?tab=findings"),
        new("Model audit", "/models/{model}?tab=audit"),
        new("Model as of a moment", "/models/{model}?tab=as-of&asOf=2026-01-01T00:00:00Z"),
        new("Model inventory as of a moment", "/models?asOf=2026-01-01T00:00:00Z"),
        new("Printable model card", "/models/{model}/card/print"),
        new("Output", "/outputs/{output}"),
        new("Version comparison", "/models/{model}/versions/compare?left={version}&right={otherVersion}"),
        new("Teams", "/teams"),
        new("Releases", "/releases"),
        new("Release request", "/releases/{release}"),
        new("Needs attention", "/attention"),
        new("Findings", "/findings"),
        new("Finding", "/findings/{finding}"),
        new("Fairness policy", "/fairness/policy"),
        new("Model card templates", "/model-cards/templates"),
        new("Access requests", "/access-requests"),
        new("Output policy", "/outputs/policy"),
        new("Audit trail", "/audit-trail"),
        new("Users", "/admin/users"),
        new("Service tokens", "/admin/service-tokens"),
        new("Approval policies", "/admin/approval-policies"),
        new("Webhooks", "/admin/webhooks"),
        new("Notifications", "/notifications"),
        new("Audit requests", "/audits"),
        new("Audit request", "/audits/{auditRequest}"),
        new("Not found", "/no-such-page"),
    ];
}

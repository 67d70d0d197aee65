using Portal.Domain.Access;
using Portal.Web.Features.Dashboard;

namespace Portal.Web.Features.Findings;

/// <summary>The home page's finding sections: what waits for a remediation owner, and what waits for a reviewer's judgement.</summary>
public sealed class FindingHomeSections(FindingService findings)
{
    public async Task<HomeSection> ToRemediateAsync(Actor actor, CancellationToken cancellationToken) =>
        new("home-findings-remediate", "Engineer", "Findings to remediate", "No finding waits for you to remediate it.",
        [
            .. (await findings.ToRemediateAsync(actor, HomeService.Listed, cancellationToken)).Select(f => new HomeItem(
                $"{f.Severity} finding on {f.ModelKey}: {f.Title}",
                $"{f.Status}, due {f.DueDate:yyyy-MM-dd}{(f.Overdue ? " (overdue)" : "")} · raised by {f.RaisedByName}", f.Link)),
        ]);

    public async Task<HomeSection> ToCloseAsync(Actor actor, CancellationToken cancellationToken) =>
        new("home-findings-close", "Compliance reviewer", "Findings to close", "No remediated finding waits for a reviewer.",
        [
            .. (await findings.ToCloseAsync(actor, HomeService.Listed, cancellationToken)).Select(f => new HomeItem(
                $"{f.Severity} finding on {f.ModelKey} remediated: {f.Title}",
                $"Remediated by {f.RemediatedByName} on {Shared.PortalFormat.Date(f.RemediatedAt)}; close it or reopen it", f.Link)),
        ]);
}

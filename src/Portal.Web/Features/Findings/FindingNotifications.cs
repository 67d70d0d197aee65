using Humanizer;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.Domain.Releases;
using Portal.Web.Features.Notifications;

namespace Portal.Web.Features.Findings;

/// <summary>
/// Tells the people of a finding what happened to it, after the change committed: when raised, its remediation owner and the
/// model's owners; when remediated, the reviewer who raised it; when closed or reopened, its remediation owner; when handed on, the new remediation owner and the previous one. Nobody is
/// told of their own act. Every link opens the finding.
/// </summary>
public sealed class FindingNotifications(NotificationService notifications)
{
    public const string Category = "Finding";

    public Task RaisedAsync(Finding finding, ModelPeople people, Actor actor, CancellationToken cancellationToken) =>
        NotifyAsync(people.Owners.Append(finding.RemediationOwner), actor,
            $"{finding.Severity} finding on {finding.ModelKey}: {finding.Title}",
            $"{actor.Name} raised it; {finding.RemediationOwnerName} remediates it by {finding.DueDate:yyyy-MM-dd}. {finding.Description}",
            finding, cancellationToken);

    public Task RemediatedAsync(Finding finding, Actor actor, CancellationToken cancellationToken) =>
        NotifyAsync([finding.RaisedBy], actor, $"Finding on {finding.ModelKey} remediated: {finding.Title}",
            $"{actor.Name} remediated it with {"piece".ToQuantity(finding.Evidence.Count)} of evidence: {finding.RemediationNote}", finding, cancellationToken);

    public Task DecidedAsync(Finding finding, Actor actor, CancellationToken cancellationToken) =>
        finding.IsClosed
            ? NotifyAsync([finding.RemediationOwner], actor, $"Finding on {finding.ModelKey} closed: {finding.Title}",
                $"{actor.Name} accepted the remediation: {finding.ClosingNote}", finding, cancellationToken)
            : NotifyAsync([finding.RemediationOwner], actor, $"Finding on {finding.ModelKey} reopened: {finding.Title}",
                $"{actor.Name} sent it back to you: {finding.ReopenReason}", finding, cancellationToken);

    public async Task ReassignedAsync(Finding finding, string previousOwner, Actor actor, CancellationToken cancellationToken)
    {
        await NotifyAsync([finding.RemediationOwner], actor, $"Finding on {finding.ModelKey} is yours to remediate: {finding.Title}",
            $"{actor.Name} handed it to you; it is due by {finding.DueDate:yyyy-MM-dd}. {finding.Description}", finding, cancellationToken);
        await NotifyAsync([previousOwner], actor, $"Finding on {finding.ModelKey} handed on: {finding.Title}",
            $"{actor.Name} gave its remediation to {finding.RemediationOwnerName}; you need not act on it any more.", finding, cancellationToken);
    }

    private async Task NotifyAsync(IEnumerable<string> recipients, Actor actor, string title, string body, Finding finding,
        CancellationToken cancellationToken)
    {
        var others = recipients.Where(r => r != actor.Id).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            await notifications.NotifyAsync(others, Category, title.Truncate(Domain.Notifications.Notification.TitleMax), body.Truncate(1000),
                FindingLinks.Page(finding.Id), cancellationToken);
        }
    }
}

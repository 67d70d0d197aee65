using System.Globalization;
using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Outputs.AccessRequests;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>
/// Who read one of the model's outputs, optionally in a period: "12" or "12@2026-01-01..2026-02-01". Newest first, at most
/// <see cref="MaxEntries"/> reads and the total. Seen by the model's owners, Auditors, Compliance reviewers and Admins.
/// </summary>
public sealed class OutputAccessLogEvidence(OutputService outputs, OutputAccessLogService log, TimeProvider clock) : IEvidenceSource
{
    public const int MaxEntries = 500;

    public string Kind => "output-access-log";
    public string Label => "Output access log";
    public string ReferenceHelp => "the output's number, optionally with a period: 12 or 12@2026-01-01..2026-02-01";

    public async Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        [.. (await outputs.ListAsync(actor, modelKey, cancellationToken)).Take(50)
            .Select(o => new EvidenceChoice(o.Id.ToString(CultureInfo.InvariantCulture), $"#{o.Id}: {o.Name} ({o.VersionLabel})"))];

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        var parts = reference.Split('@', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var outputId))
        {
            throw InputRejectedException.For("reference", "An output's access log is named by the output's number, such as 12 or 12@2026-01-01..2026-02-01.");
        }
        var period = parts.Length == 2 ? EvidencePeriod.Parse(parts[1]) : new EvidencePeriod(null, null);
        var output = await outputs.DetailAsync(actor, outputId, cancellationToken);
        if (!string.Equals(output.ModelKey, modelKey, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotFoundException($"Output #{outputId} is not an output of model {modelKey}.");
        }
        var reads = await log.RangeAsync(actor, outputId, period.From, period.To, MaxEntries, cancellationToken);
        var content = new { OutputId = output.Id, output.ModelKey, output.VersionLabel, output.Name, period.From, period.To, reads.TotalCount, Shown = reads.Items.Count, Reads = reads.Items };
        return EvidenceSnapshot.Capture(Kind, reference, $"Access log of output {output.Name} ({output.ModelKey}), {period.Describe()} ({reads.TotalCount} reads)",
            $"/outputs/{output.Id}", content, clock.GetUtcNow().UtcDateTime);
    }
}

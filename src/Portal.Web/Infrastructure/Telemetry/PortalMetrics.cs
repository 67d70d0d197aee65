using System.Diagnostics.Metrics;
using Portal.Domain.Releases;
using Portal.Domain.Webhooks;

namespace Portal.Web.Infrastructure.Telemetry;

/// <summary>
/// The portal's own instruments, all on the meter <see cref="MeterName"/>. Features call one small method where the thing
/// happens; the names here are the ones the README lists and dashboards query, so they change only with both.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "Portal";

    private readonly UpDownCounter<long> activeCircuits;
    private readonly Counter<long> signatures;
    private readonly Counter<long> flagsRaised;
    private readonly Histogram<double> flagScanDuration;
    private readonly Histogram<double> chainVerifyDuration;
    private readonly Counter<long> webhookDeliveries;

    public PortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        activeCircuits = meter.CreateUpDownCounter<long>("portal.circuits.active", "{circuit}",
            "Blazor Server circuits open on this instance (each holds a person's page state in memory).");
        signatures = meter.CreateCounter<long>("portal.release.signatures", "{signature}",
            "Electronic signatures recorded on release requests, by meaning.");
        flagsRaised = meter.CreateCounter<long>("portal.flags.raised", "{flag}", "Flags raised by scans, by rule.");
        flagScanDuration = meter.CreateHistogram<double>("portal.flags.scan.duration", "s",
            "How long a flag scan took, from taking the lease to recording the scan; skipped scans are not measured.");
        chainVerifyDuration = meter.CreateHistogram<double>("portal.audit.verify.duration", "s",
            "How long verifying the whole audit chain took, by result (intact true or false).");
        webhookDeliveries = meter.CreateCounter<long>("portal.webhooks.deliveries", "{attempt}",
            "Webhook delivery attempts, by the delivery's status after the attempt (Delivered, Pending for a retry, Failed).");
    }

    public void CircuitOpened() => activeCircuits.Add(1);

    public void CircuitClosed() => activeCircuits.Add(-1);

    public void SignatureRecorded(SignatureMeaning meaning) => signatures.Add(1, new KeyValuePair<string, object?>("meaning", meaning.ToString()));

    public void FlagsRaised(IEnumerable<string> rules)
    {
        foreach (var byRule in rules.GroupBy(r => r))
        {
            flagsRaised.Add(byRule.Count(), new KeyValuePair<string, object?>("rule", byRule.Key));
        }
    }

    /// <summary>Not tagged by trigger: a scan run by hand names the person, which would make one series per person.</summary>
    public void FlagScanned(TimeSpan elapsed) => flagScanDuration.Record(elapsed.TotalSeconds);

    public void ChainVerified(TimeSpan elapsed, bool intact) =>
        chainVerifyDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("intact", intact));

    public void WebhookAttempted(DeliveryStatus statusAfter) =>
        webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", statusAfter.ToString()));
}

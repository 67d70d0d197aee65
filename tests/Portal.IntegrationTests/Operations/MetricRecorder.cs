using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.IntegrationTests.Operations;

/// <summary>
/// Listens to the "Portal" meter of one portal host only (its own <see cref="IMeterFactory"/> is the meter's scope), so that
/// tests running in parallel on other hosts do not add to what this one counts.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        // The instruments exist once the portal's metrics do; resolving them here means none is published before the listener starts.
        services.GetRequiredService<PortalMetrics>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PortalMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    public IReadOnlyList<Measurement> Of(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

    /// <summary>The sum of a counter's measurements whose tag <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public double Sum(string instrument, string tag, object value) =>
        Of(instrument).Where(m => Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        measurements.Enqueue(new(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
}

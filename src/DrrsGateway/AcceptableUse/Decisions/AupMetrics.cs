using System.Diagnostics.Metrics;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// The policy's instruments, on the <see cref="MeterName"/> meter: decisions by outcome and service, and
/// how long the store takes to answer.
/// </summary>
internal sealed class AupMetrics
{
    /// <summary>Name of the meter to subscribe to (OpenTelemetry, dotnet-counters, MetricCollector).</summary>
    public const string MeterName = "DrrsGateway.AcceptableUse";

    public const string DecisionsName = "drrs.aup.decisions";
    public const string StoreDurationName = "drrs.aup.store.duration";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _storeDuration;

    public AupMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>(DecisionsName, "{decision}",
            $"Policy decisions, by outcome ({string.Join(", ", AupOutcomeNames.MetricTags)}) and service.");
        _storeDuration = meter.CreateHistogram<double>(StoreDurationName, "s",
            "Time the lock store took to decide and restart a window.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
    }

    /// <summary>Whether anyone listens to store latency, so the hot path can skip reading the clock.</summary>
    public bool StoreDurationEnabled => _storeDuration.Enabled;

    public void RecordDecision(AupOutcome outcome, string service)
    {
        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", AupOutcomeNames.MetricTag(outcome)), new KeyValuePair<string, object?>("service", ServiceTag.For(service)));
        }
    }

    public void RecordStoreDuration(TimeSpan elapsed, StoreAnswer answer) =>
        _storeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", answer == StoreAnswer.StoreUnavailable ? "failure" : "success"));
}

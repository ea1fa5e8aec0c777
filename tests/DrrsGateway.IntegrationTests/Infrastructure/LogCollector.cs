using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>A Serilog sink that keeps every event, so tests can assert on structured properties.</summary>
public sealed class LogCollector : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The value of a scalar property of <paramref name="logEvent"/>, or null when it has none.</summary>
    public static object? Scalar(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value : null;

    /// <summary>The gateway's own events with this id (framework components reuse small ids).</summary>
    public IEnumerable<LogEvent> WithEventId(int id) =>
        _events.Where(e => e.Properties.TryGetValue("SourceContext", out var source)
            && source is ScalarValue { Value: string context } && context.StartsWith("DrrsGateway", StringComparison.Ordinal)
            && e.Properties.TryGetValue("EventId", out var value)
            && value is StructureValue structure
            && structure.Properties.Any(p => p.Name == "Id" && p.Value is ScalarValue { Value: int eventId } && eventId == id));
}

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that read exact counts from <c>/metrics</c>. OpenTelemetry listens to meters by name, so a gateway
/// running in parallel in this process could add to the counts; this collection runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}

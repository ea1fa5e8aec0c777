using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Observability;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>
/// Trace context goes to DRRS only when traces leave the gateway: without an OTLP endpoint nothing would
/// join the spans up, and propagating cost a child activity and a header on every forwarded call.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class TraceContextTests : BackendTests
{
    private const string TraceParent = "traceparent";

    [Fact]
    public async Task Forwarding_TracesNotExported_SendsNoTraceContext()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();

        using var forwarded = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.DoesNotContain(TraceParent, Assert.Single(Backend.Headers).Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarding_TracesExported_SendsTheCallsTraceContext()
    {
        // Nothing listens there: the exporter's failures are its own and must not reach callers.
        var settings = new Dictionary<string, string?> { [TelemetryExtensions.OtlpEndpointVariable] = $"http://127.0.0.1:{FreePort.Next()}" };
        await using var gateway = new GatewayFactory(Backend.Address, settings: settings);
        using var client = gateway.CreateClientFrom();

        using var forwarded = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.StartsWith("00-", Assert.Single(Backend.Headers)[TraceParent], StringComparison.Ordinal);
    }
}

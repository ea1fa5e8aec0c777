using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Observability;
using DrrsGateway.TestSupport;
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
    public async Task Forwarding_TracesNotExported_PassesTheCallersTraceContextUnchanged()
    {
        const string CallersContext = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        const string Operation = "retrieveDRLocations_v1";
        using var request = CaisoWire.Plain(CaisoWire.AccessPoint(Operation), NewUser(), CaisoWire.Action(Operation), CaisoWire.RetrieveBody);
        request.Headers.TryAddWithoutValidation(TraceParent, CallersContext);

        using var forwarded = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal(CallersContext, Assert.Single(Backend.Headers)[TraceParent]);
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

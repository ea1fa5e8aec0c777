using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Observability;
using DrrsGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>Prometheus scrapes the policy's decisions, and the framework's, over HTTP from the gateway itself.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests : BackendTests
{
    private const string Decisions = "drrs_aup_decisions_total";
    private const string Service = "service=\"retrievedrrslocations_v1\"";

    [Fact]
    public async Task Metrics_AfterAllowedAndRefusedCall_CountsBoth()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);
        var metrics = await client.GetStringAsync(TelemetryExtensions.MetricsPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, PrometheusText.Sample(metrics, Decisions, "outcome=\"allowed\"", Service));
        Assert.Equal(1, PrometheusText.Sample(metrics, Decisions, "outcome=\"rejected\"", Service));
        Assert.Equal(2, PrometheusText.Sample(metrics, "drrs_aup_store_duration_seconds_count", "result=\"success\""));
    }

    [Fact]
    public async Task Metrics_Scrape_ShowsFrameworkAndRuntimeInstruments()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var forwarded = await client.CallAsync(NewUser());

        var metrics = await client.GetStringAsync(TelemetryExtensions.MetricsPath);

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_client_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NoUserIdentity_IsAnsweredNeitherLimitedNorForwarded()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom(IPAddress.Parse("203.0.113.9"));

        using var first = await client.GetAsync(TelemetryExtensions.MetricsPath);
        using var second = await client.GetAsync(TelemetryExtensions.MetricsPath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task Tracing_OtlpEndpointUnset_IsOff()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();

        Assert.Null(gateway.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Tracing_OtlpEndpointSet_IsOn()
    {
        // Nothing listens there: the exporter's failures are its own and must not reach callers.
        var settings = new Dictionary<string, string?> { [TelemetryExtensions.OtlpEndpointVariable] = $"http://127.0.0.1:{FreePort.Next()}" };
        await using var gateway = new GatewayFactory(Backend.Address, settings: settings);
        using var client = gateway.CreateClientFrom();

        using var forwarded = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.NotNull(gateway.Services.GetService<TracerProvider>());
    }
}

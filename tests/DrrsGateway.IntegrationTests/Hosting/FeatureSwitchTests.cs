using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>The switches for always-on features (what the benchmark's cost breakdown turns off one at a time).</summary>
public sealed class FeatureSwitchTests : BackendTests
{
    [Fact]
    public async Task Telemetry_InstrumentsSwitchedOff_AreNotExportedButThePolicyMeterIs()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?>
        {
            ["Telemetry:AspNetCoreInstrumentation"] = "false",
            ["Telemetry:HttpClientInstrumentation"] = "false",
            ["Telemetry:RuntimeInstrumentation"] = "false",
        });
        using var client = gateway.CreateClientFrom();
        using var call = await client.CallAsync(NewUser());

        var scrape = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Contains("drrs_aup_decisions_total", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("http_client_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_gc_collections", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_Shipped_ExportsEveryInstrument()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var call = await client.CallAsync(NewUser());

        var scrape = await client.GetStringAsync("/metrics");

        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections", scrape, StringComparison.Ordinal);
        Assert.Contains("kestrel_active_connections", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_Shipped_ListensToNoInstrumentNobodyReads()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var call = await client.CallAsync(NewUser());

        var scrape = await client.GetStringAsync("/metrics");

        // Measured on every buffer rented and every route matched: not worth their cost per request.
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.DoesNotContain("aspnetcore_memory_pool", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_authorization", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLog_SwitchedOff_WritesNoRequestEvents()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?>
        {
            ["RequestLog:Enabled"] = "false",
            ["RequestLog:Level"] = "Information",
        });
        using var client = gateway.CreateClientFrom();

        using var call = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.DoesNotContain(gateway.Logs.Events, e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal));
    }
}

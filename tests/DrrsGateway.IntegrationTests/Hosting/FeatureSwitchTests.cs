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
        var (status, scrape) = await ScrapeAfterOneCallAsync(new Dictionary<string, string?>
        {
            ["Telemetry:AspNetCoreInstrumentation"] = "false",
            ["Telemetry:HttpClientInstrumentation"] = "false",
            ["Telemetry:RuntimeInstrumentation"] = "false",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("drrs_aup_decisions_total", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("http_client_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet_gc_collections", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_Shipped_ExportsEveryInstrument()
    {
        var (status, scrape) = await ScrapeAfterOneCallAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections", scrape, StringComparison.Ordinal);
        Assert.Contains("kestrel_active_connections", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_Shipped_ListensToNoInstrumentNobodyReads()
    {
        var (status, scrape) = await ScrapeAfterOneCallAsync();

        // Measured on every buffer rented and every route matched: not worth their cost per request.
        Assert.Equal(HttpStatusCode.OK, status);
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

    // One proxied call (so the request instruments have something to report), then a scrape.
    private async Task<(HttpStatusCode Status, string Scrape)> ScrapeAfterOneCallAsync(Dictionary<string, string?>? settings = null)
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: settings);
        using var client = gateway.CreateClientFrom();
        using var call = await client.CallAsync(NewUser());
        return (call.StatusCode, await client.GetStringAsync("/metrics"));
    }
}

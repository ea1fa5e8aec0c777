using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>The policy's meter counts what it decided and times the store.</summary>
public sealed class PolicyMetricsTests : BackendTests
{
    [Fact]
    public async Task Decisions_RefusedBeforeKeyingAndMetadataReads_AreCountedByOutcome()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var untrusted = gateway.CreateClientFrom(System.Net.IPAddress.Parse("203.0.113.7"));
        using var decisions = new MetricCollector<long>(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AupMetrics.MeterName, AupMetrics.DecisionsName);

        using var wsdl = await client.GetAsync(LocationsPath + "?wsdl");
        using var unidentified = await untrusted.CallAsync(NewUser());
        using var malformed = await client.Soap11Async(NewUser(), RuntimePath, CaisoAction("submitDRRSLocations_v1"), body: "<not-soap/>");

        var outcomes = decisions.GetMeasurementSnapshot().Select(m => m.Tags["outcome"] as string).ToList();
        Assert.Equal(["metadata", "unidentified", "bad_request"], outcomes);
    }

    [Fact]
    public async Task Decisions_AllowedThenRefused_AreCountedByOutcomeAndService()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var decisions = new MetricCollector<long>(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AupMetrics.MeterName, AupMetrics.DecisionsName);
        using var durations = new MetricCollector<double>(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AupMetrics.MeterName, AupMetrics.StoreDurationName);
        var user = NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);
        using var odd = await client.CallAsync(user, "/sst/runtime.asvc/NotADrrsOperation_v1");

        var measurements = decisions.GetMeasurementSnapshot();
        Assert.Contains(measurements, m => m.Tags["outcome"] as string == "allowed" && m.Tags["service"] as string == "retrievedrrslocations_v1");
        Assert.Contains(measurements, m => m.Tags["outcome"] as string == "rejected" && m.Tags["service"] as string == "retrievedrrslocations_v1");
        Assert.Contains(measurements, m => m.Tags["outcome"] as string == "unknown_service" && m.Tags["service"] as string == "other");

        // The unknown operation never reached the store.
        Assert.Equal(2, durations.GetMeasurementSnapshot().Count);
    }
}

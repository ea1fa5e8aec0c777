using System.Diagnostics.Metrics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>The gateway's monitoring gauges follow what the policy and the store really do.</summary>
public sealed class MonitoringGaugesTests : OwnRedisTests
{
    [Fact]
    public async Task StuckClients_UserRefusedOverAndOver_CountedAndNamedInTheLog()
    {
        await using var gateway = new GatewayFactory(Backend.Address, Redis.ConnectionString, new Dictionary<string, string?> { ["Monitoring:StuckClientSeconds"] = "1" });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(0, Read(gateway, MonitoringMetrics.StuckClientsName));

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var stillRefused = await client.CallAsync(user);

        Assert.Equal(1, Read(gateway, MonitoringMetrics.StuckClientsName));
        Assert.Equal(user, LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.ClientStuck).Single(), "User"));
    }

    [Fact]
    public async Task StuckClients_ShadowRoute_AreNotCounted()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Monitoring:StuckClientSeconds"] = "1",
            ["ReverseProxy:Routes:drrs:Metadata:AupMode"] = "Shadow",
        };
        await using var gateway = new GatewayFactory(Backend.Address, Redis.ConnectionString, settings);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        using var first = await client.CallAsync(user);
        using var second = await client.CallAsync(user);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var third = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, Read(gateway, MonitoringMetrics.StuckClientsName));
    }

    [Fact]
    public async Task BreakerOpenAndReady_RedisKilled_FollowTheOutage()
    {
        var settings = new Dictionary<string, string?> { ["Aup:OnStoreFailure"] = "Allow", ["Aup:StoreTimeoutMilliseconds"] = "300" };
        await using var gateway = new GatewayFactory(Backend.Address, Redis.ConnectionString, settings);
        using var client = gateway.CreateClientFrom();
        using var allowed = await client.CallAsync(NewUser());
        await EventuallyAsync(() => Task.FromResult(Read(gateway, MonitoringMetrics.ReadyName) == 1), "ready while Redis answers");
        Assert.Equal(0, Read(gateway, MonitoringMetrics.BreakerOpenName));

        Redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            using var unchecked_ = await client.CallAsync(NewUser());
        }

        Assert.Equal(1, Read(gateway, MonitoringMetrics.BreakerOpenName));
        await EventuallyAsync(
            () => Task.FromResult(Read(gateway, MonitoringMetrics.ReadyName) == 0),
            "not ready once Redis is gone, within a readiness period",
            2 * MonitoringServiceCollectionExtensions.ReadinessPeriod);
    }

    private static int Read(GatewayFactory gateway, string instrument)
    {
        using var collector = new MetricCollector<int>(gateway.Services.GetRequiredService<IMeterFactory>(), MonitoringMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return collector.LastMeasurement!.Value;
    }
}

using DrrsGateway.IntegrationTests.Infrastructure;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>Admins see every refusal as one structured event; allowed calls stay out of Information.</summary>
public sealed class RefusalLoggingTests : BackendTests
{
    [Fact]
    public async Task Refusal_IsStructuredEventWithUserServiceDecisionRetryAfterAndTraceId()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var first = await client.CallAsync("alice");
        using var second = await client.CallAsync("alice");

        var refusal = Assert.Single(gateway.Logs.WithEventId(EventIds.Rejected));
        Assert.Equal(LogEventLevel.Information, refusal.Level);
        Assert.Equal("alice", Scalar(refusal, "User"));
        Assert.Equal("retrievedrrslocations_v1", Scalar(refusal, "Service"));
        Assert.Equal("Rejected", Scalar(refusal, "Decision"));
        Assert.Equal(30, Scalar(refusal, "RetryAfterSeconds"));
        Assert.NotNull(refusal.TraceId);
    }

    [Fact]
    public async Task Refusals_FloodOfOnePair_OneInformationEventPerWindow()
    {
        await using var gateway = new GatewayFactory(Backend.Address,
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" });
        using var client = gateway.CreateClientFrom();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.CallAsync("flooder");
        }

        var refusal = Assert.Single(gateway.Logs.WithEventId(EventIds.Rejected));
        Assert.Equal(0L, Scalar(refusal, "SuppressedRefusals"));
        Assert.Equal(18, gateway.Logs.WithEventId(EventIds.RejectedRepeat).Count());
    }

    [Fact]
    public async Task AllowedCall_ByDefault_IsNotLoggedAtInformation()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        using var response = await client.CallAsync("bob");

        // The hot path stays quiet: the policy's event and the request log are both Debug by default.
        Assert.DoesNotContain(gateway.Logs.Events, e => e.Level >= LogEventLevel.Information
            && e.Properties.TryGetValue("User", out var user) && user.ToString() == "\"bob\"");
    }

    [Fact]
    public async Task Start_EmbeddedStore_WarnsPolicyIsPerInstance()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();

        var warning = Assert.Single(gateway.Logs.WithEventId(EventIds.StartupEmbeddedStore));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
    }

    private static object? Scalar(LogEvent logEvent, string name) =>
        Assert.IsType<ScalarValue>(logEvent.Properties[name]).Value;
}

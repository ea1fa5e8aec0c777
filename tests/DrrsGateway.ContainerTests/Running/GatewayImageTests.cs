using System.Text.Json;
using DrrsGateway.AcceptableUse;
using DrrsGateway.ContainerTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Running;

/// <summary>The two images run together as an operator runs them, configured by environment variables only.</summary>
[Collection(ImagesCollection.Name)]
public sealed class GatewayImageTests(BuiltImages images) : IAsyncLifetime
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly int _simulatorPort = FreePort.Next();
    private RunningContainer? _simulator;

    public async Task InitializeAsync()
    {
        _simulator = await Lab.StartSimulatorAsync(images.Buildah, _simulatorPort);
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(_simulatorPort), _simulator);
    }

    [Fact]
    public async Task The_gateway_image_forwards_a_call_then_answers_CAISOs_refusal()
    {
        var port = FreePort.Next();
        await using var gateway = await Lab.StartGatewayAsync(images.Buildah, _simulatorPort, new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = Lab.Port(port),
        });
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(port), gateway);

        var first = await DrrsCall.SendAsync(_client, Lab.Loopback(port), "alice");
        var second = await DrrsCall.SendAsync(_client, Lab.Loopback(port), "alice");

        Assert.Equal(200, first.Status);
        AssertRefusedAsCaisoDoes(second);
    }

    [Fact]
    public async Task Two_gateway_containers_on_one_redis_enforce_one_policy()
    {
        await using var redis = await RedisServer.StartAsync();
        var ports = new[] { FreePort.Next(), FreePort.Next() };
        var gateways = new List<RunningContainer>();
        try
        {
            foreach (var port in ports)
            {
                gateways.Add(await Lab.StartGatewayAsync(images.Buildah, _simulatorPort, new Dictionary<string, string>
                {
                    ["ASPNETCORE_HTTP_PORTS"] = Lab.Port(port),
                    ["ConnectionStrings__Redis"] = redis.ConnectionString,
                }));
            }

            for (var i = 0; i < ports.Length; i++)
            {
                await Lab.WaitUntilServingAsync(_client, Lab.Loopback(ports[i]), gateways[i]);
            }

            var first = await DrrsCall.SendAsync(_client, Lab.Loopback(ports[0]), "bob");
            var second = await DrrsCall.SendAsync(_client, Lab.Loopback(ports[1]), "bob");
            var otherUser = await DrrsCall.SendAsync(_client, Lab.Loopback(ports[1]), "carol");

            Assert.Equal(200, first.Status);
            AssertRefusedAsCaisoDoes(second);
            Assert.Equal(200, otherUser.Status);
            Assert.Equal(2, await redis.CountKeysAsync("drrs:aup:*"));
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_app_runs_as_the_images_non_root_user_and_logs_json_on_stdout()
    {
        var port = FreePort.Next();
        await using var gateway = await Lab.StartGatewayAsync(images.Buildah, _simulatorPort, new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = Lab.Port(port),
        });
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(port), gateway);
        await DrrsCall.SendAsync(_client, Lab.Loopback(port), "dave");
        await DrrsCall.SendAsync(_client, Lab.Loopback(port), "dave");

        Assert.Equal(1654, ProcessTree.UserIdOf(await gateway.AppProcessIdAsync()));
        Assert.Equal(1654, ProcessTree.UserIdOf(await _simulator!.AppProcessIdAsync()));

        await gateway.StopAsync();
        await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var events = gateway.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.NotEmpty(events);
        Assert.All(events, entry => Assert.True(entry.TryGetProperty("@t", out _), $"not a Serilog compact JSON event: {entry}"));
        Assert.Contains(events, entry => entry.TryGetProperty("Decision", out var decision) && decision.GetString() == "Rejected");
    }

    // A SOAP call at an access point is refused as CAISO refuses it: HTTP 500, a StandardOutput fault
    // carrying the policy's exact message (docs/soap-and-identity.md).
    private static void AssertRefusedAsCaisoDoes((int Status, string Body) response)
    {
        Assert.Equal(500, response.Status);
        Assert.Contains("AUP-VIOLATION", response.Body, StringComparison.Ordinal);
        Assert.Contains(AupMessages.Violation(30), response.Body, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        _client.Dispose();
    }
}

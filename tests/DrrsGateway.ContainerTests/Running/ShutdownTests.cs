using System.Diagnostics;
using DrrsGateway.ContainerTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Running;

/// <summary>`docker stop`: SIGTERM to the app, which must let calls in flight finish and exit 0.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ShutdownTests(BuiltImages images) : IAsyncDisposable
{
    // docker-compose.yml's stop_grace_period: the engine kills the container after it.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task SIGTERM_lets_a_call_in_flight_finish_and_the_gateway_exits_0()
    {
        var (simulatorPort, port) = (FreePort.Next(), FreePort.Next());
        await using var simulator = await Lab.StartSimulatorAsync(images.Buildah, simulatorPort);
        await using var gateway = await Lab.StartGatewayAsync(images.Buildah, simulatorPort, new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = Lab.Port(port),
        });
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(simulatorPort), simulator);
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(port), gateway);

        using var call = await DrrsCall.StartAsync(Lab.Loopback(port), "erin");
        await Task.Delay(500);
        var stopping = Stopwatch.StartNew();
        await gateway.StopAsync();
        await Task.Delay(1000);

        Assert.Equal(200, await call.FinishAsync());
        Assert.Equal(0, await gateway.WaitForExitAsync(GracePeriod));
        Assert.True(stopping.Elapsed < GracePeriod);
        Assert.Contains(gateway.OutputLines, line => line.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

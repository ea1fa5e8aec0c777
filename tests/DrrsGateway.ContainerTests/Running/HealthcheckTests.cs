using DrrsGateway.ContainerTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Running;

/// <summary>
/// The image's own HEALTHCHECK (read from the image, run inside the container as an engine runs it) across
/// the ways operators set the port: it must pass while the app serves and fail when it does not.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class HealthcheckTests(BuiltImages images) : IAsyncDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static TheoryData<string, string> PortSettings => new()
    {
        { "ASPNETCORE_HTTP_PORTS", "{0}" },
        // README's own example: ASP.NET Core then ignores the image's ASPNETCORE_HTTP_PORTS=8080.
        { "ASPNETCORE_URLS", "http://+:{0}" },
    };

    [Theory]
    [MemberData(nameof(PortSettings))]
    public async Task The_simulator_images_healthcheck_passes_while_up_and_fails_when_down(string setting, string format)
    {
        var port = FreePort.Next();
        await using var simulator = await RunningContainer.StartAsync(images.Buildah, BuiltImages.Simulator, new ContainerOptions
        {
            Environment = new Dictionary<string, string> { [setting] = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, port) },
        });
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(port), simulator);

        await AssertHealthyThenUnhealthyAsync(simulator);
    }

    [Theory]
    [MemberData(nameof(PortSettings))]
    public async Task The_gateway_images_healthcheck_passes_while_up_and_fails_when_down(string setting, string format)
    {
        var port = FreePort.Next();
        await using var gateway = await Lab.StartGatewayAsync(images.Buildah, FreePort.Next(), new Dictionary<string, string>
        {
            [setting] = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, port),
        });
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(port), gateway);

        await AssertHealthyThenUnhealthyAsync(gateway);
    }

    [Fact]
    public async Task The_gateway_images_healthcheck_follows_the_management_port()
    {
        var (proxyPort, managementPort) = (FreePort.Next(), FreePort.Next());
        await using var gateway = await Lab.StartGatewayAsync(images.Buildah, FreePort.Next(), new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = Lab.Port(proxyPort),
            ["Management__Port"] = Lab.Port(managementPort),
        });
        await Lab.WaitUntilServingAsync(_client, Lab.Loopback(managementPort), gateway);

        await AssertHealthyThenUnhealthyAsync(gateway);
    }

    private static async Task AssertHealthyThenUnhealthyAsync(RunningContainer container)
    {
        var healthy = await container.HealthcheckAsync();
        Assert.True(healthy.Succeeded, $"healthcheck failed while the app served: {healthy.Output}{healthy.Error}");

        await container.StopAsync();
        Assert.Equal(0, await container.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var unhealthy = await container.HealthcheckAsync();
        Assert.False(unhealthy.Succeeded, "healthcheck passed with the app stopped");
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Globalization;
using System.Net;
using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.DeploymentTests.Compose;

/// <summary>The compose lab: two gateways sharing one persistent Redis, in front of the simulator.</summary>
public sealed class ComposeFileTests
{
    private const string RedisService = "redis";

    private readonly ComposeFile _compose = ComposeFile.Load();

    private IReadOnlyList<string> Gateways => _compose.ServicesRunning(DeploymentConventions.GatewayImage);

    [Fact]
    public void Gateways_Services_AreTwoReplicasOfGatewayImage()
    {
        Assert.Equal(["gateway-1", "gateway-2"], Gateways);
        Assert.All(Gateways, gateway => Assert.Equal("gateway", _compose.Services[gateway].Str("build", "target")));
    }

    [Fact]
    public void Simulator_Service_RunsSimulatorImage()
    {
        var simulator = Assert.Single(_compose.ServicesRunning(DeploymentConventions.SimulatorImage));
        Assert.Equal("simulator", _compose.Services[simulator].Str("build", "target"));
    }

    [Fact]
    public void Gateways_ConnectionString_IsTheOneRedisService()
    {
        var endpoints = Gateways
            .Select(gateway => _compose.Environment(gateway)["ConnectionStrings__Redis"]!.Split(',')[0])
            .Distinct()
            .ToList();

        // One endpoint for both replicas is what makes the policy shared rather than per replica.
        var endpoint = Assert.Single(endpoints);
        Assert.Equal($"{RedisService}:6379", endpoint);
        Assert.Equal("docker.io/library/redis", DeploymentConventions.ImageName(_compose.Services[RedisService].Str("image")!));
    }

    [Fact]
    public void Gateways_StopGracePeriod_OutlastsTheShutdownDrain()
    {
        // The engines' default (10 s) kills a replica still draining in-flight calls (Shutdown:TimeoutSeconds, 25 s).
        Assert.All(Gateways, gateway =>
        {
            var period = _compose.Services[gateway].Str("stop_grace_period");
            Assert.NotNull(period);
            Assert.EndsWith("s", period, StringComparison.Ordinal);
            Assert.True(int.Parse(period[..^1], CultureInfo.InvariantCulture) > 25, $"{gateway} stops after {period}, within the 25 s drain");
        });
    }

    [Fact]
    public void ThirdPartyImages_Names_AreFullyQualified()
    {
        // podman refuses short names such as redis:7 unless the host configures search registries.
        var pulled = _compose.Services.Values
            .Select(service => service.Str("image"))
            .OfType<string>()
            .Where(image => image is not (DeploymentConventions.GatewayImage or DeploymentConventions.SimulatorImage));
        Assert.All(pulled, image => Assert.StartsWith("docker.io/", image, StringComparison.Ordinal));
    }

    [Fact]
    public void Gateways_DependsOn_RedisHealthy()
    {
        Assert.All(Gateways, gateway =>
            Assert.Equal("service_healthy", _compose.Services[gateway].Str("depends_on", RedisService, "condition")));
    }

    [Fact]
    public void Redis_Command_EnablesAppendOnlyOnAVolume()
    {
        var command = _compose.Services[RedisService].Strings("command").ToList();
        var flag = command.IndexOf("--appendonly");

        Assert.InRange(flag, 0, command.Count - 2);
        Assert.Equal("yes", command[flag + 1]);
        Assert.Contains(_compose.Services[RedisService].Strings("volumes"), volume => volume.EndsWith(":/data", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_Healthcheck_PingsWithRedisCli()
    {
        var test = string.Join(' ', _compose.Services[RedisService].Strings("healthcheck", "test"));

        Assert.Contains("redis-cli", test, StringComparison.Ordinal);
        Assert.Contains("ping", test, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_PublishedPorts_TargetContainerPort()
    {
        var published = Gateways.Append("simulator").SelectMany(_compose.PublishedPorts).ToList();

        Assert.Equal([8081, 8082, 5080], published.Select(port => port.HostPort));
        Assert.All(published, port => Assert.Equal(DeploymentConventions.ContainerPort, port.ContainerPort));
    }

    [Fact]
    public void Gateways_Backend_IsSimulatorOnContainerPort()
    {
        Assert.All(Gateways, gateway => Assert.Equal(
            $"http://simulator:{DeploymentConventions.ContainerPort}/",
            _compose.Environment(gateway)["ReverseProxy__Clusters__drrs__Destinations__primary__Address"]));
    }

    [Fact]
    public void Gateways_TrustedProxies_CoverComposeBridgeGateway()
    {
        // A request curled to a published port reaches the container from the network's bridge gateway (.1).
        var subnet = IPNetwork.Parse(ComposeFile.Resolve(_compose.Root.Items("networks", "default", "ipam", "config").Single().Str("subnet")!));
        var bytes = subnet.BaseAddress.GetAddressBytes();
        bytes[^1] += 1;
        var bridgeGateway = new IPAddress(bytes);

        Assert.All(Gateways, gateway =>
        {
            var options = GatewaySettings.BuildAupPolicy(_compose.Environment(gateway));
            Assert.True(options.Identity.TrustedProxies.Contains(bridgeGateway), $"{gateway} does not trust {bridgeGateway}");
            Assert.False(string.IsNullOrEmpty(options.Identity.TrustedHeader));
        });
    }

    [Fact]
    public void Gateways_WindowSeconds_IsCaisoPolicy()
    {
        Assert.All(Gateways, gateway =>
            Assert.Equal(30, GatewaySettings.BuildAupPolicy(_compose.Environment(gateway)).WindowSeconds));
    }

    [Fact]
    public void Readme_PublishedPorts_AreDocumented()
    {
        var readme = RepositoryFiles.ReadAllText("deploy/README.md");
        var ports = Gateways.Append("simulator").SelectMany(_compose.PublishedPorts).Select(port => port.HostPort.ToString(CultureInfo.InvariantCulture));

        Assert.All(ports, port => Assert.Contains(port, readme, StringComparison.Ordinal));
    }
}

using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Kubernetes;

/// <summary>The lab overlay (in-cluster Redis and simulator) and the external-redis overlay.</summary>
public sealed class KustomizeOverlayTests
{
    private readonly Kustomization _lab = Kustomization.Load(Kustomization.LabOverlay);

    [Theory]
    [InlineData(Kustomization.LabOverlay)]
    [InlineData(Kustomization.ExternalRedisOverlay)]
    public void Overlay_Resources_BuildOnBase(string overlay)
    {
        Assert.Contains(Kustomization.Base, Kustomization.Load(overlay).ResourceDirectories);
    }

    [Fact]
    public void Lab_Redis_AppendOnlyWithProbeBehindService()
    {
        var redis = _lab.Objects.Named("Deployment", "redis");
        var container = redis.Container("redis")!;
        var args = container.Strings("args").ToList();
        var flag = args.IndexOf("--appendonly");

        Assert.Equal(1, redis.Int("spec", "replicas"));
        Assert.Equal("yes", args[flag + 1]);
        Assert.Contains("redis-cli", string.Join(' ', container.Strings("readinessProbe", "exec", "command")), StringComparison.Ordinal);
        Assert.True(_lab.Objects.Named("Service", "redis").StringMap("spec", "selector").Selects(redis.PodLabels()));
    }

    [Fact]
    public void Lab_GatewayConnectionString_PointsAtLabRedisService()
    {
        var connection = GatewayEnvironment.Of(Kustomization.LabOverlay)["ConnectionStrings__Redis"]!;
        var port = _lab.Objects.Named("Service", "redis").Items("spec", "ports").Single().Int("port");

        Assert.StartsWith($"redis:{port},", connection, StringComparison.Ordinal);
    }

    [Fact]
    public void Lab_Backend_IsSimulatorService()
    {
        var address = new Uri(GatewayEnvironment.Of(Kustomization.LabOverlay)["ReverseProxy__Clusters__drrs__Destinations__primary__Address"]!);
        var service = _lab.Objects.Named("Service", address.Host);
        var simulator = _lab.Objects.Named("Deployment", "drrs-simulator");
        var container = simulator.Container("simulator")!;
        var servicePort = Assert.Single(service.Items("spec", "ports"), port => port.Int("port") == address.Port);

        Assert.True(service.StringMap("spec", "selector").Selects(simulator.PodLabels()));
        Assert.Equal(DeploymentConventions.SimulatorImage, DeploymentConventions.ImageName(container.Str("image")!));
        Assert.Equal(DeploymentConventions.ContainerPort, container.ResolvePort(servicePort.Str("targetPort")));
        Assert.Equal(DeploymentConventions.LivenessPath, container.Str("readinessProbe", "httpGet", "path"));
    }

    [Fact]
    public void Lab_Workloads_RunNonRootOnReadOnlyRoot()
    {
        Assert.All(_lab.Objects.OfKind("Deployment"), deployment =>
        {
            Assert.True(deployment.Bool("spec", "template", "spec", "securityContext", "runAsNonRoot"));
            Assert.All(deployment.Items("spec", "template", "spec", "containers"), container =>
            {
                Assert.True(container.Bool("securityContext", "readOnlyRootFilesystem"));
                Assert.False(container.Bool("securityContext", "allowPrivilegeEscalation"));
            });
        });
    }

    [Fact]
    public void Lab_GeneratedSecret_HoldsOnlyPlaceholders()
    {
        var secret = _lab.Literals("secretGenerator", DeploymentConventions.GatewayName);

        Assert.Contains("redis-password", secret.Keys);
        Assert.All(secret.Values, value => Assert.Contains("lab-only", value, StringComparison.Ordinal));
    }

    [Fact]
    public void ExternalRedis_ConnectionString_ComesWholeFromSecret()
    {
        var patch = Kustomization.Load(Kustomization.ExternalRedisOverlay).Patches.Named("Deployment", DeploymentConventions.GatewayName);
        var variable = patch.Container(DeploymentConventions.GatewayContainer).Items("env").Single(v => v.Str("name") == "ConnectionStrings__Redis");
        var environment = GatewayEnvironment.Of(Kustomization.ExternalRedisOverlay);

        Assert.Equal(DeploymentConventions.GatewayName, variable.Str("valueFrom", "secretKeyRef", "name"));
        Assert.Null(environment["ConnectionStrings__Redis"]);
        Assert.DoesNotContain("REDIS_PASSWORD", environment.Keys);
    }

    [Fact]
    public void Readme_SecretKeys_AreDocumented()
    {
        var readme = RepositoryFiles.ReadAllText("deploy/README.md");
        var keys = Kustomization.All
            .Select(Kustomization.Load)
            .SelectMany(kustomization => kustomization.Objects.Concat(kustomization.Patches))
            .SelectMany(SecretKeys)
            .Distinct();

        Assert.All(keys, key => Assert.Contains(key, readme, StringComparison.Ordinal));
    }

    private static IEnumerable<string> SecretKeys(YamlMappingNode workload) =>
        workload.Items("spec", "template", "spec", "containers")
            .SelectMany(container => container.Items("env"))
            .Select(variable => variable.Str("valueFrom", "secretKeyRef", "key"))
            .OfType<string>();
}

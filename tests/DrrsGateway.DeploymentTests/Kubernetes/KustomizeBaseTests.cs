using DrrsGateway.DeploymentTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Kubernetes;

/// <summary>The base Deployment, Service and PodDisruptionBudget, as written in deploy/base.</summary>
public sealed class KustomizeBaseTests
{
    private readonly IReadOnlyList<YamlMappingNode> _objects = Kustomization.Load(Kustomization.Base).Objects;

    private YamlMappingNode Deployment => _objects.Named("Deployment", DeploymentConventions.GatewayName);

    private YamlMappingNode Container => Deployment.Container(DeploymentConventions.GatewayContainer)!;

    [Fact]
    public void Deployment_Replicas_AtLeastTwo()
    {
        Assert.True(Deployment.Int("spec", "replicas") >= 2);
    }

    [Fact]
    public void Deployment_Image_IsGatewayImage()
    {
        Assert.Equal(DeploymentConventions.GatewayImage, DeploymentConventions.ImageName(Container.Str("image")!));
    }

    [Fact]
    public void Deployment_SecurityContext_RunsNonRootOnReadOnlyRoot()
    {
        var pod = Deployment.Map("spec", "template", "spec");
        var container = Container.Map("securityContext");

        Assert.True(pod.Bool("securityContext", "runAsNonRoot"));
        Assert.True(container.Bool("runAsNonRoot") ?? true);
        Assert.True(container.Bool("readOnlyRootFilesystem"));
        Assert.False(container.Bool("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], container.Strings("capabilities", "drop"));
    }

    [Fact]
    public void Deployment_Tmp_IsWritableEmptyDir()
    {
        // With a read-only root, /tmp is where .NET writes its diagnostics sockets and temporary files.
        var mount = Assert.Single(Container.Items("volumeMounts"), m => m.Str("mountPath") == "/tmp");
        var volume = Assert.Single(Deployment.Items("spec", "template", "spec", "volumes"), v => v.Str("name") == mount.Str("name"));
        Assert.NotNull(volume.Get("emptyDir"));
    }

    [Fact]
    public void Deployment_Resources_HaveRequestsAndLimits()
    {
        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.NotNull(Container.Str("resources", kind, "cpu"));
            Assert.NotNull(Container.Str("resources", kind, "memory"));
        }
    }

    [Fact]
    public void Probes_Paths_AreGatewayHealthEndpoints()
    {
        Assert.Equal(DeploymentConventions.ReadinessPath, Container.Str("readinessProbe", "httpGet", "path"));
        Assert.Equal(DeploymentConventions.LivenessPath, Container.Str("livenessProbe", "httpGet", "path"));
    }

    [Fact]
    public void Ports_ContainerServiceAndProbes_AgreeOnContainerPort()
    {
        var service = _objects.Named("Service", DeploymentConventions.GatewayName);
        var targetPort = Assert.Single(service.Items("spec", "ports")).Str("targetPort");

        Assert.Equal([DeploymentConventions.ContainerPort], Container.Items("ports").Select(port => port.Int("containerPort")));
        Assert.Equal(DeploymentConventions.ContainerPort, Container.ResolvePort(targetPort));
        Assert.Equal(DeploymentConventions.ContainerPort, Container.ResolvePort(Container.Str("readinessProbe", "httpGet", "port")));
        Assert.Equal(DeploymentConventions.ContainerPort, Container.ResolvePort(Container.Str("livenessProbe", "httpGet", "port")));
    }

    [Fact]
    public void Service_Selector_SelectsDeploymentPods()
    {
        var service = _objects.Named("Service", DeploymentConventions.GatewayName);

        Assert.True(service.StringMap("spec", "selector").Selects(Deployment.PodLabels()));
    }

    [Fact]
    public void PodDisruptionBudget_Selector_SelectsDeploymentPods()
    {
        var budget = Assert.Single(_objects.OfKind("PodDisruptionBudget"));

        Assert.True(budget.StringMap("spec", "selector", "matchLabels").Selects(Deployment.PodLabels()));
        Assert.Equal(Deployment.StringMap("spec", "selector", "matchLabels"), budget.StringMap("spec", "selector", "matchLabels"));
        Assert.InRange(budget.Int("spec", "minAvailable") ?? 0, 1, (Deployment.Int("spec", "replicas") ?? 0) - 1);
    }

    [Fact]
    public void Deployment_Settings_ComeFromGeneratedConfigMap()
    {
        var configMap = Assert.Single(Container.Items("envFrom")).Str("configMapRef", "name");

        Assert.Equal(DeploymentConventions.GatewayName, configMap);
        Assert.NotNull(Kustomization.Load(Kustomization.Base).Generator("configMapGenerator", configMap!));
    }

    [Fact]
    public void Base_Secrets_AreReferencedNotCommitted()
    {
        var kustomization = Kustomization.Load(Kustomization.Base);

        Assert.Empty(_objects.OfKind("Secret"));
        Assert.Empty(kustomization.Root.Items("secretGenerator"));
        Assert.Contains(Container.Items("env"), variable => variable.Str("valueFrom", "secretKeyRef", "name") == DeploymentConventions.GatewayName);
    }
}

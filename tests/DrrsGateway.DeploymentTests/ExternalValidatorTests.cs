using DrrsGateway.DeploymentTests.Compose;
using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.DeploymentTests.Kubernetes;
using DrrsGateway.TestSupport;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests;

/// <summary>
/// The files as their own tools read them: <c>kubectl kustomize</c> and compose's <c>config</c>. Both are
/// optional here (CI runs them through deploy/validate.sh); when a tool is missing the test says so and passes.
/// </summary>
public sealed class ExternalValidatorTests(ITestOutputHelper output)
{
    public static TheoryData<string> Kustomizations => [.. Kustomization.All];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void KubectlKustomize_Kustomization_RendersGatewayWithValidSettings(string directory)
    {
        if (Render(directory) is not { } objects)
        {
            return;
        }

        var deployment = objects.Named("Deployment", DeploymentConventions.GatewayName);
        var container = deployment.Container(DeploymentConventions.GatewayContainer)!;
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var reference in container.Items("envFrom"))
        {
            var configMap = objects.Named("ConfigMap", reference.Str("configMapRef", "name")!);
            foreach (var (name, value) in configMap.StringMap("data"))
            {
                environment[name] = value;
            }
        }

        foreach (var variable in container.Items("env"))
        {
            environment[variable.Str("name")!] = variable.Str("value");
        }

        Assert.Empty(GatewaySettings.Unknown(environment));
        Assert.Equal(30, GatewaySettings.BuildAupPolicy(environment).WindowSeconds);
        Assert.Equal(DeploymentConventions.LivenessPath, container.Str("livenessProbe", "httpGet", "path"));
        Assert.Equal(DeploymentConventions.ReadinessPath, container.Str("readinessProbe", "httpGet", "path"));
        Assert.True(objects.OfKind("PodDisruptionBudget").Single().StringMap("spec", "selector", "matchLabels").Selects(deployment.PodLabels()));
    }

    [Fact]
    public void KubectlKustomize_Lab_EveryConfigMapAndSecretReferenceResolves()
    {
        if (Render(Kustomization.LabOverlay) is not { } objects)
        {
            return;
        }

        // Generated names carry a content hash; kustomize must have rewritten every reference to match.
        var containers = objects.OfKind("Deployment").SelectMany(deployment => deployment.Items("spec", "template", "spec", "containers")).ToList();
        var configMaps = containers.SelectMany(c => c.Items("envFrom")).Select(e => e.Str("configMapRef", "name")).OfType<string>();
        var secrets = containers.SelectMany(c => c.Items("env")).Select(e => e.Str("valueFrom", "secretKeyRef", "name")).OfType<string>();

        Assert.All(configMaps, name => Assert.Single(objects.OfKind("ConfigMap"), item => item.Str("metadata", "name") == name));
        Assert.All(secrets, name => Assert.Single(objects.OfKind("Secret"), item => item.Str("metadata", "name") == name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("monitoring")]
    public void ComposeConfig_Profile_IsValid(string profile)
    {
        var path = RepositoryFiles.PathOf(ComposeFile.RelativePath);
        string[] profileArguments = profile.Length == 0 ? [] : ["--profile", profile];
        var result = ExternalTool.TryRun("docker-compose", ["-f", path, .. profileArguments, "config", "--quiet"]);
        if (result is null)
        {
            output.WriteLine("skipped: docker-compose is not installed (deploy/validate.sh also tries `docker compose`)");
            return;
        }

        Assert.True(result.ExitCode == 0, result.Error);
    }

    private IReadOnlyList<YamlMappingNode>? Render(string directory)
    {
        var result = ExternalTool.TryRun("kubectl", ["kustomize", RepositoryFiles.PathOf(directory)]);
        if (result is null)
        {
            output.WriteLine("skipped: kubectl is not installed");
            return null;
        }

        Assert.True(result.ExitCode == 0, result.Error);
        return YamlFile.ParseDocuments(result.Output);
    }
}

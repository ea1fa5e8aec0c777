using DrrsGateway.DeploymentTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Kubernetes;

/// <summary>
/// The environment the gateway container gets from a kustomization: the generated ConfigMap (envFrom) plus
/// the container's own env, folded from the base up through the overlay's merges and patches. Values read
/// from a Secret are null: only their names are known here.
/// </summary>
internal static class GatewayEnvironment
{
    public static IReadOnlyDictionary<string, string?> Of(string kustomizationDirectory)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        Fold(Kustomization.Load(kustomizationDirectory), environment);
        return environment;
    }

    private static void Fold(Kustomization kustomization, Dictionary<string, string?> environment)
    {
        foreach (var directory in kustomization.ResourceDirectories)
        {
            Fold(Kustomization.Load(directory), environment);
        }

        foreach (var (name, value) in kustomization.Literals("configMapGenerator", DeploymentConventions.GatewayName))
        {
            environment[name] = value;
        }

        var gatewayDeployments = kustomization.Objects.Concat(kustomization.Patches)
            .OfKind("Deployment")
            .Where(deployment => deployment.Str("metadata", "name") == DeploymentConventions.GatewayName);
        foreach (var deployment in gatewayDeployments)
        {
            foreach (var variable in deployment.Container(DeploymentConventions.GatewayContainer).Items("env"))
            {
                Apply(variable, environment);
            }
        }
    }

    private static void Apply(YamlMappingNode variable, Dictionary<string, string?> environment)
    {
        var name = variable.Str("name")!;
        if (variable.Str("$patch") == "delete")
        {
            environment.Remove(name);
            return;
        }

        environment[name] = variable.Get("valueFrom") is null ? variable.Str("value") : null;
    }
}

using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.Management;

namespace DrrsGateway.DeploymentTests;

/// <summary>The names and numbers the Dockerfile, the compose file and the manifests must all agree on.</summary>
internal static class DeploymentConventions
{
    public const string GatewayImage = "drrs-gateway";
    public const string SimulatorImage = "drrs-simulator";

    /// <summary>The port both images listen on: the aspnet image's ASPNETCORE_HTTP_PORTS.</summary>
    public const int ContainerPort = 8080;

    /// <summary>The Deployment, Service, PDB, ConfigMap and Secret of the gateway all carry this name.</summary>
    public const string GatewayName = "drrs-gateway";
    public const string GatewayContainer = "gateway";

    /// <summary>Built by its own project, which this test project does not reference.</summary>
    public const string SimulatorAssembly = "DrrsGateway.Simulator";

    public const string LivenessPath = HealthEndpointExtensions.LivenessPath;

    /// <summary>
    /// The readiness endpoint. Read from the gateway when it names it in a constant, as it does the liveness
    /// path; until then the documented "/readyz".
    /// </summary>
    public static string ReadinessPath { get; } =
        typeof(HealthEndpointExtensions).GetField("ReadinessPath")?.GetRawConstantValue() as string ?? "/readyz";

    public static string GatewayAssembly { get; } = typeof(AupOptions).Assembly.GetName().Name!;

    /// <summary>The image name without its tag or digest: <c>drrs-gateway:1.2</c> → <c>drrs-gateway</c>.</summary>
    public static string ImageName(string reference)
    {
        var name = reference.Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var tagColon = name.LastIndexOf(':');
        return tagColon > lastSlash ? name[..tagColon] : name;
    }
}

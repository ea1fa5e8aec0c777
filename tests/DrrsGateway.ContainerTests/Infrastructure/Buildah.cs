using System.Text.Json;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// buildah, configured exactly as deploy/docker/buildah-env.sh configures it for the build scripts: the same
/// storage and configuration folder, so the tests see the images the scripts built.
/// </summary>
internal sealed class Buildah
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] EnvironmentNames =
        ["DRRS_CONTAINERS_HOME", "CONTAINERS_STORAGE_CONF", "CONTAINERS_CONF", "CONTAINERS_REGISTRIES_CONF", "BUILDAH_ISOLATION"];

    private Buildah(IReadOnlyDictionary<string, string> environment) => Environment = environment;

    /// <summary>The variables buildah-env.sh exports, for every buildah command the tests run.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static async Task<Buildah> ConfigureAsync()
    {
        var result = (await Command.RunAsync(
            "bash", ["-c", "source deploy/docker/buildah-env.sh && env -0"], CommandTimeout)).EnsureSuccess();
        var exported = result.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2 && EnvironmentNames.Contains(pair[0]))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        return new Buildah(exported);
    }

    public Task<CommandResult> RunAsync(params string[] arguments) =>
        Command.RunAsync("buildah", arguments, CommandTimeout, Environment);

    public async Task<ImageConfig> InspectImageAsync(string image)
    {
        var result = (await RunAsync("inspect", "--type", "image", image)).EnsureSuccess();
        using var document = JsonDocument.Parse(result.Output);
        return ImageConfig.FromDockerConfig(document.RootElement.GetProperty("Docker").GetProperty("config"));
    }

    /// <summary>A working container from <paramref name="image"/>; <paramref name="hosts"/> go into its /etc/hosts.</summary>
    public async Task<string> CreateContainerAsync(string image, IReadOnlyDictionary<string, string>? hosts = null)
    {
        var name = $"drrs-test-{Guid.NewGuid():N}"[..24];
        var arguments = new List<string> { "from", "--quiet", "--pull=never", "--name", name };
        foreach (var (host, address) in hosts ?? new Dictionary<string, string>())
        {
            arguments.Add("--add-host");
            arguments.Add($"{host}:{address}");
        }

        arguments.Add(image);
        (await RunAsync([.. arguments])).EnsureSuccess();
        return name;
    }

    public Task<CommandResult> RemoveContainerAsync(string container) => RunAsync("rm", container);
}

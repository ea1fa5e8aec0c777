using System.Diagnostics;
using System.Net;
using DrrsGateway.ContainerTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Compose;

/// <summary>
/// `docker compose up` of docker-compose.yml, done by hand from docker-compose's own rendering: each default
/// service in its own network namespace on one bridge (the file's subnet, moved by DRRS_SUBNET as documented),
/// service names in every container's /etc/hosts, started in depends_on order with its conditions, ports
/// published through a proxy on the bridge's gateway address. The gateway and simulator services run the
/// built images; `redis` names Docker Hub's image, which cannot be pulled here, so it runs the host's
/// redis-server with the service's own command, environment and health check.
/// </summary>
public sealed class ComposeLab : IAsyncLifetime
{
    private const string RedisImage = "docker.io/library/redis:7";

    private readonly BuiltImages _images;
    private readonly Dictionary<string, RunningContainer> _containers = [];
    private readonly Dictionary<string, PortPublisher> _published = [];
    private readonly Dictionary<string, (string Namespace, IPAddress Address)> _placement = [];
    private readonly string _redisFolder = Directory.CreateTempSubdirectory("drrs-compose-redis").FullName;
    private BridgeNetwork? _network;
    private Process? _redis;

    public ComposeLab(BuiltImages images) => _images = images;

    internal ComposeProject Project { get; private set; } = null!;

    /// <summary>The password the lab's Redis requires: not the file's default, to show the variable reaches both sides.</summary>
    public string RedisPassword { get; } = $"lab-{Guid.NewGuid():N}";

    internal RunningContainer Container(string service) => _containers[service];

    /// <summary>Where a service's first published port answers on this machine.</summary>
    public Uri Published(string service) => _published[service].Address;

    public async Task InitializeAsync()
    {
        Project = await ComposeProject.RenderAsync(new Dictionary<string, string>
        {
            ["DRRS_SUBNET"] = BridgeNetwork.FreeSubnet(),
            ["REDIS_PASSWORD"] = RedisPassword,
        });
        _network = await BridgeNetwork.CreateAsync(Project.Subnet);
        var services = Project.DefaultServicesInStartOrder();
        foreach (var service in services)
        {
            _placement[service.Name] = await _network.AttachAsync();
        }

        var hosts = _placement.ToDictionary(entry => entry.Key, entry => entry.Value.Address.ToString());
        foreach (var service in services)
        {
            foreach (var (dependency, condition) in service.DependsOn)
            {
                if (condition == "service_healthy")
                {
                    await WaitUntilHealthyAsync(Project.Services[dependency]);
                }
            }

            await StartAsync(service, hosts);
        }

        foreach (var service in services.Where(service => _containers.ContainsKey(service.Name)))
        {
            await WaitUntilHealthyAsync(service);
        }
    }

    /// <summary>Runs redis-cli inside the redis service's network, with its password.</summary>
    internal Task<CommandResult> RedisCliAsync(params string[] arguments) =>
        Command.RunAsync(
            NetworkNamespace.Program, NetworkNamespace.Arguments(_placement["redis"].Namespace, ["redis-cli", .. arguments]),
            TimeSpan.FromSeconds(10),
            Project.Services["redis"].Environment);

    private async Task StartAsync(ComposeService service, IReadOnlyDictionary<string, string> hosts)
    {
        var (networkNamespace, address) = _placement[service.Name];
        if (service.Image == RedisImage)
        {
            if (service.Command is not ["redis-server", ..])
            {
                throw new InvalidOperationException($"The redis service's command is not redis-server: {string.Join(' ', service.Command)}");
            }

            var start = Command.StartInfo(
                NetworkNamespace.Program, NetworkNamespace.Arguments(networkNamespace, service.Command), service.Environment);
            start.WorkingDirectory = _redisFolder;
            _redis = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            return;
        }

        var container = await RunningContainer.StartAsync(_images.Buildah, LocalImage(service.Image), new ContainerOptions
        {
            Environment = service.Environment,
            Hosts = hosts,
            NetworkNamespace = networkNamespace,
        });
        _containers[service.Name] = container;
        foreach (var port in service.Ports.Take(1))
        {
            _published[service.Name] = new PortPublisher(new IPEndPoint(address, port.ContainerPort), _network!.Gateway);
        }
    }

    // The service's health check, compose's own or else the image's, retried as compose retries it.
    private async Task WaitUntilHealthyAsync(ComposeService service)
    {
        var deadline = Stopwatch.StartNew();
        CommandResult? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            last = _containers.TryGetValue(service.Name, out var container)
                ? await container.HealthcheckAsync()
                : await Command.RunAsync(
                    NetworkNamespace.Program,
                    NetworkNamespace.Arguments(_placement[service.Name].Namespace, ShellForm(service.HealthcheckTest)),
                    TimeSpan.FromSeconds(10), service.Environment);
            if (last.Succeeded)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{service.Name} did not become healthy: {last?.Output}{last?.Error}");
    }

    private static string[] ShellForm(IReadOnlyList<string> test) => test switch
    {
        ["CMD-SHELL", var shell] => ["/bin/sh", "-c", shell],
        ["CMD", ..] => [.. test.Skip(1)],
        _ => throw new InvalidOperationException($"No health check to wait on: [{string.Join(", ", test)}]"),
    };

    // Unqualified local names, as Docker and buildah store a locally built image.
    private static string LocalImage(string image) => image.Contains('/', StringComparison.Ordinal) ? image : $"localhost/{image}";

    public async Task DisposeAsync()
    {
        foreach (var publisher in _published.Values)
        {
            await publisher.DisposeAsync();
        }

        foreach (var container in _containers.Values)
        {
            await container.DisposeAsync();
        }

        if (_redis is { HasExited: false })
        {
            await ProcessTree.KillTreeAsync(_redis.Id);
            await _redis.WaitForExitAsync();
        }

        _redis?.Dispose();
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        Directory.Delete(_redisFolder, recursive: true);
    }
}

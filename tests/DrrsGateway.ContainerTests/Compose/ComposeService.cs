namespace DrrsGateway.ContainerTests.Compose;

/// <summary>One service as `docker-compose config` renders it: what an engine needs to start it.</summary>
internal sealed record ComposeService(
    string Name,
    string Image,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> HealthcheckTest,
    TimeSpan StopGracePeriod,
    IReadOnlyDictionary<string, string> DependsOn,
    IReadOnlyList<PublishedPort> Ports,
    IReadOnlyList<string> Profiles);

/// <summary>A `ports:` entry: host address and port, and the container's port.</summary>
internal sealed record PublishedPort(string HostAddress, int HostPort, int ContainerPort);

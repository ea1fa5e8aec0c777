namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>How to run an image: what `docker run -e`, `--add-host` and `--network` would say.</summary>
internal sealed record ContainerOptions
{
    /// <summary>Variables set on top of the image's own, as `-e` sets them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Names for the container's /etc/hosts, as a compose network's DNS would answer them.</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>();

    /// <summary>A network namespace (`ip netns`) to run in; null shares the host's network.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The command instead of the image's; null runs the image's entrypoint and command.</summary>
    public IReadOnlyList<string>? CommandOverride { get; init; }
}

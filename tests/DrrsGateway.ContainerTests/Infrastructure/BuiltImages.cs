namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// Both images of the Dockerfile, built once per run by deploy/docker/build-images.sh: the same command
/// deploy/README tells operators to run. A machine that cannot build them fails here, saying why.
/// </summary>
public sealed class BuiltImages : IAsyncLifetime
{
    public const string Gateway = "localhost/drrs-gateway";
    public const string Simulator = "localhost/drrs-simulator";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);
    private static readonly string[] RequiredPrograms = ["buildah", "mmdebstrap", "ip", "nsenter", "redis-server", "redis-cli", "docker-compose"];

    private Buildah? _buildah;

    internal Buildah Buildah => _buildah ?? throw new InvalidOperationException("The images are not built yet.");

    /// <summary>What build-images.sh printed: the steps and how long each took.</summary>
    public string BuildLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                "The container tests build and run images with buildah's chroot isolation, which needs root: run them as root (scripts/test.sh does under sudo).");
        }

        var missing = RequiredPrograms.Where(program => !Command.IsInstalled(program)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"The container tests need {string.Join(", ", missing)}: scripts/test.sh installs them from Debian (buildah, mmdebstrap, iproute2, redis-server, redis-tools, docker-compose).");
        }

        var build = await Command.RunAsync("bash", ["deploy/docker/build-images.sh"], BuildTimeout);
        BuildLog = build.Output + build.Error;
        build.EnsureSuccess();
        _buildah = await Buildah.ConfigureAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>One collection: the images are built once, and containers never compete for the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ImagesCollection : ICollectionFixture<BuiltImages>
{
    public const string Name = "images";
}

using DrrsGateway.ContainerTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Images;

/// <summary>
/// What the engine sends as the build context: .dockerignore must keep build output, tests and the git
/// history out of it (they would bust the layer cache, bloat the build and could leak into an image).
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class BuildContextTests(BuiltImages images) : IAsyncLifetime
{
    private readonly string _probeFolder = Directory.CreateTempSubdirectory("drrs-context-probe").FullName;
    private string? _container;
    private string _context = "";

    public async Task InitializeAsync()
    {
        // The same engine and flags as build-images.sh, on a Dockerfile that copies the whole context.
        var dockerfile = Path.Combine(_probeFolder, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY . /context/\n");
        (await images.Buildah.RunAsync(
            "bud", "--quiet", "--isolation", "chroot", "--format", "docker", "--file", dockerfile,
            "--tag", "localhost/drrs-context-probe", RepositoryFiles.Root)).EnsureSuccess();
        _container = await images.Buildah.CreateContainerAsync("localhost/drrs-context-probe");
        var mount = (await images.Buildah.RunAsync("mount", _container)).EnsureSuccess();
        _context = Path.Combine(mount.Output.Trim(), "context");
    }

    [Fact]
    public void Build_output_tests_and_history_stay_out_of_the_context()
    {
        // The clone has build output (this test project was built in it), so its absence below means something.
        Assert.True(Directory.Exists(RepositoryFiles.PathOf("src/DrrsGateway/bin")), "the clone has no build output to leave out");

        var folders = Directory.EnumerateDirectories(_context, "*", SearchOption.AllDirectories)
            .Select(folder => Path.GetRelativePath(_context, folder))
            .ToArray();

        Assert.DoesNotContain(folders, folder => Path.GetFileName(folder) is "bin" or "obj" or "TestResults");
        Assert.DoesNotContain(folders, folder => folder is "tests" or ".git" or ".ci");
        Assert.DoesNotContain(folders, folder => folder.StartsWith("deploy/", StringComparison.Ordinal) && folder != "deploy/docker");
    }

    [Fact]
    public void What_the_images_need_is_in_the_context()
    {
        Assert.True(File.Exists(Path.Combine(_context, "src/DrrsGateway/DrrsGateway.csproj")));
        Assert.True(File.Exists(Path.Combine(_context, "src/DrrsGateway.Simulator/DrrsGateway.Simulator.csproj")));
        Assert.True(File.Exists(Path.Combine(_context, "Directory.Packages.props")));
        Assert.Equal(["healthcheck.sh"], Directory.GetFiles(Path.Combine(_context, "deploy/docker")).Select(Path.GetFileName));
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await images.Buildah.RunAsync("umount", _container);
            await images.Buildah.RemoveContainerAsync(_container);
        }

        await images.Buildah.RunAsync("rmi", "localhost/drrs-context-probe");
        Directory.Delete(_probeFolder, recursive: true);
    }
}

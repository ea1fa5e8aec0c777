using System.Text.Json;
using DrrsGateway.TestSupport;

namespace DrrsGateway.DeploymentTests.Docker;

/// <summary>The Dockerfile builds images that run the right assembly, as a non-root user, on the agreed port.</summary>
public sealed class DockerfileTests
{
    private const string GatewayTarget = "gateway";
    private const string SimulatorTarget = "simulator";

    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    public static TheoryData<string> Targets => [GatewayTarget, SimulatorTarget];

    [Fact]
    public void LastStage_DefaultBuild_IsGatewayTarget()
    {
        // `docker build .` without --target produces the last stage.
        Assert.Equal(GatewayTarget, _dockerfile.Stages[^1].Name);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Expose_Target_IsContainerPort(string target)
    {
        var exposed = _dockerfile.Effective(target, "EXPOSE");

        Assert.Equal([DeploymentConventions.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], exposed);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void User_Target_IsTheImagesNonRootUser(string target)
    {
        Assert.Equal("$APP_UID", _dockerfile.Effective(target, "USER")[^1]);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void BaseImage_Target_IsAspnetRuntime(string target)
    {
        Assert.Contains("/dotnet/aspnet:", _dockerfile.Lineage(target)[0].BaseImage, StringComparison.Ordinal);
    }

    [Fact]
    public void Entrypoint_GatewayTarget_RunsGatewayAssembly()
    {
        Assert.Equal(["dotnet", DeploymentConventions.GatewayAssembly + ".dll"], ExecForm(_dockerfile.Effective(GatewayTarget, "ENTRYPOINT")[^1]));
    }

    [Fact]
    public void Entrypoint_SimulatorTarget_RunsSimulatorAssembly()
    {
        Assert.Equal(["dotnet", DeploymentConventions.SimulatorAssembly + ".dll"], ExecForm(_dockerfile.Effective(SimulatorTarget, "ENTRYPOINT")[^1]));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Healthcheck_Target_RunsCopiedScriptOnLivenessPath(string target)
    {
        var healthcheck = _dockerfile.Effective(target, "HEALTHCHECK")[^1];
        var command = ExecForm(healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..]);

        var copiedTo = _dockerfile.Effective(target, "COPY")
            .Select(copy => copy.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(words => words[0] == "deploy/docker/healthcheck.sh")[^1];
        Assert.Equal(["bash", copiedTo, DeploymentConventions.LivenessPath], command);
    }

    [Theory]
    [InlineData("publish-gateway", "src/DrrsGateway/")]
    [InlineData("publish-simulator", "src/DrrsGateway.Simulator/")]
    public void PublishStage_Restore_RunsBeforeSourcesAreCopied(string stage, string projectFolder)
    {
        // Restoring from the project file alone keeps the package layer cached across source edits.
        var instructions = _dockerfile.Stage(stage).Instructions.ToList();
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var sources = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.StartsWith(projectFolder + " ", StringComparison.Ordinal));
        var publish = instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));

        Assert.InRange(restore, 0, sources - 1);
        Assert.Contains("--configuration Release", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("--no-restore", publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerignore_CopiedSources_AreInBuildContext()
    {
        var ignore = DockerIgnore.Load();
        var sources = _dockerfile.Stages
            .SelectMany(stage => stage.Arguments("COPY"))
            .Where(copy => !copy.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(copy => copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Select(source => source.TrimEnd('/'));

        // A folder source is checked through a file it must deliver: its project file.
        var files = sources.Select(source => File.Exists(RepositoryFiles.PathOf(source)) ? source : $"{source}/{Path.GetFileName(source)}.csproj");
        Assert.All(files, file => Assert.False(ignore.Excludes(file), $"{file} is copied by the Dockerfile but excluded by .dockerignore"));
    }

    [Theory]
    [InlineData("src/DrrsGateway/bin/Release/net10.0/DrrsGateway.dll")]
    [InlineData("src/DrrsGateway/obj/project.assets.json")]
    [InlineData(".git/HEAD")]
    [InlineData("tests/DrrsGateway.DeploymentTests/DrrsGateway.DeploymentTests.csproj")]
    public void Dockerignore_LocalBuildOutputAndHistory_AreExcluded(string path)
    {
        // Local bin/obj in the context would leak host-built assets into the image's restore and publish.
        Assert.True(DockerIgnore.Load().Excludes(path));
    }

    private static string[] ExecForm(string arguments) => JsonSerializer.Deserialize<string[]>(arguments)!;
}

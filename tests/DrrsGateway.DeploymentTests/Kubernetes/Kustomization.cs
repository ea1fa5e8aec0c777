using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Kubernetes;

/// <summary>One kustomization folder as written: its own resource files, patches and generators.</summary>
internal sealed class Kustomization
{
    public const string Base = "deploy/base";
    public const string LabOverlay = "deploy/overlays/lab";
    public const string ExternalRedisOverlay = "deploy/overlays/external-redis";
    public const string MonitoringOverlay = "deploy/overlays/monitoring";

    /// <summary>The optional monitoring component; a component is rendered only inside an overlay.</summary>
    public const string MonitoringComponent = "deploy/monitoring";

    public static readonly IReadOnlyList<string> All = [Base, LabOverlay, ExternalRedisOverlay, MonitoringOverlay];

    private Kustomization(string directory, YamlMappingNode root)
    {
        Directory = directory;
        Root = root;
    }

    /// <summary>The folder, relative to the repository root.</summary>
    public string Directory { get; }

    public YamlMappingNode Root { get; }

    /// <summary>Resources that are other kustomizations (folders), as repository-relative paths.</summary>
    public IReadOnlyList<string> ResourceDirectories => [.. Resources.Where(path => !IsYamlFile(path))];

    /// <summary>The components this folder applies, as repository-relative paths.</summary>
    public IReadOnlyList<string> Components => [.. Root.Strings("components").Select(Relative)];

    /// <summary>The objects this folder's own resource files declare.</summary>
    public IReadOnlyList<YamlMappingNode> Objects => [.. Resources.Where(IsYamlFile).SelectMany(YamlFile.LoadDocuments)];

    /// <summary>The strategic-merge patches this folder applies, as objects.</summary>
    public IReadOnlyList<YamlMappingNode> Patches =>
        [.. Root.Items("patches").Select(patch => patch.Str("path")).OfType<string>().Select(Relative).SelectMany(YamlFile.LoadDocuments)];

    private IEnumerable<string> Resources => Root.Strings("resources").Select(Relative);

    public static Kustomization Load(string directory) => new(directory, YamlFile.Load($"{directory}/kustomization.yaml"));

    /// <summary>
    /// The generator named <paramref name="name"/> in <paramref name="section"/> (configMapGenerator,
    /// secretGenerator); null when this folder has none.
    /// </summary>
    public YamlMappingNode? Generator(string section, string name) =>
        Root.Items(section).SingleOrDefault(generator => generator.Str("name") == name);

    /// <summary>A generator's <c>NAME=value</c> literals; empty when the generator is missing.</summary>
    public IReadOnlyDictionary<string, string> Literals(string section, string name) =>
        Generator(section, name).Strings("literals")
            .Select(literal => literal.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);

    private static bool IsYamlFile(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);

    // Kustomize paths are relative to the kustomization; fold "../" so paths compare across folders.
    private string Relative(string path) =>
        Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf(Directory), path)))
            .Replace(Path.DirectorySeparatorChar, '/');
}

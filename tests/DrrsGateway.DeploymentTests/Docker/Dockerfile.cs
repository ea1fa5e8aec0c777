using System.Text;
using DrrsGateway.TestSupport;

namespace DrrsGateway.DeploymentTests.Docker;

/// <summary>The repository's Dockerfile, read into stages: enough of the format for these checks.</summary>
internal sealed class Dockerfile
{
    public const string RelativePath = "Dockerfile";

    private Dockerfile(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public static Dockerfile Load() => Parse(RepositoryFiles.ReadAllText(RelativePath));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<DockerfileStage>();
        string? name = null;
        string? baseImage = null;
        var instructions = new List<DockerfileInstruction>();
        foreach (var line in LogicalLines(text))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var instruction = new DockerfileInstruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : "");
            if (instruction.Keyword != "FROM")
            {
                instructions.Add(instruction);
                continue;
            }

            if (baseImage is not null)
            {
                stages.Add(new DockerfileStage(name, baseImage, instructions));
            }

            // FROM [--platform=…] image [AS name]
            var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
            baseImage = words[0];
            name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
            instructions = [];
        }

        if (baseImage is not null)
        {
            stages.Add(new DockerfileStage(name, baseImage, instructions));
        }

        return new Dockerfile(stages);
    }

    public DockerfileStage Stage(string name) => Stages.Single(stage => stage.Name == name);

    /// <summary>
    /// The stages a target is built on, from the first image-based one to the target itself: a stage
    /// <c>FROM runtime</c> inherits runtime's USER, EXPOSE and HEALTHCHECK.
    /// </summary>
    public IReadOnlyList<DockerfileStage> Lineage(string target)
    {
        var lineage = new List<DockerfileStage>();
        for (var stage = Stage(target); ; stage = Stage(stage.BaseImage))
        {
            lineage.Insert(0, stage);
            if (!Stages.Any(other => other.Name == stage.BaseImage))
            {
                return lineage;
            }
        }
    }

    /// <summary>The arguments of <paramref name="keyword"/> in effect for <paramref name="target"/>, earliest first.</summary>
    public IReadOnlyList<string> Effective(string target, string keyword) =>
        [.. Lineage(target).SelectMany(stage => stage.Arguments(keyword))];

    // Joins backslash continuations and drops comments (also those inside a continued instruction, as Docker does).
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            var continued = line.EndsWith('\\');
            current.Append(continued ? line[..^1] : line).Append(' ');
            if (!continued)
            {
                yield return current.ToString().Trim();
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString().Trim();
        }
    }
}

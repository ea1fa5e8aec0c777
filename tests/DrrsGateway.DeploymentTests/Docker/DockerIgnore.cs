using System.Text.RegularExpressions;
using DrrsGateway.TestSupport;

namespace DrrsGateway.DeploymentTests.Docker;

/// <summary>
/// The repository's <c>.dockerignore</c>, evaluated the way Docker does for plain paths: patterns relative
/// to the context root, <c>**</c> for any depth, a matched folder excludes its contents, the last matching
/// line wins and <c>!</c> re-includes.
/// </summary>
internal sealed class DockerIgnore
{
    public const string RelativePath = ".dockerignore";

    private readonly IReadOnlyList<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex Pattern, bool Include)> rules) => _rules = rules;

    public static DockerIgnore Load()
    {
        var rules = RepositoryFiles.ReadAllText(RelativePath)
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.StartsWith('!') ? (ToRegex(line[1..]), true) : (ToRegex(line), false))
            .ToList();
        return new DockerIgnore(rules);
    }

    /// <summary>Whether <paramref name="relativePath"/> (forward slashes) is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, include) in _rules)
        {
            if (pattern.IsMatch(relativePath))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var body = Regex.Escape(pattern.Trim('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);

        // A pattern naming a folder matches everything below it too.
        return new Regex($"^{body}(/.*)?$", RegexOptions.CultureInvariant);
    }
}

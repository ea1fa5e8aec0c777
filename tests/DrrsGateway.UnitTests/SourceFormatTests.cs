using System.Text.RegularExpressions;
using DrrsGateway.TestSupport;

namespace DrrsGateway.UnitTests;

/// <summary>
/// The one part of `dotnet format` the build cannot enforce: the order of using directives (IDE0055 in the
/// build checks whitespace and indentation, not imports). Sorted as `dotnet format` sorts them: System
/// namespaces first, then the rest alphabetically, then aliases.
/// </summary>
public sealed partial class SourceFormatTests
{
    [Fact]
    public void Every_files_using_directives_are_in_dotnet_formats_order()
    {
        var unsorted = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(RepositoryFiles.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !Path.GetRelativePath(RepositoryFiles.Root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .Where(path => !IsSorted(Usings(path)))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path))
            .ToArray();

        Assert.Empty(unsorted);
    }

    private static string[] Usings(string path) =>
        [.. File.ReadLines(path).TakeWhile(line => !line.StartsWith("namespace ", StringComparison.Ordinal))
            .Select(line => UsingDirective().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)];

    private static bool IsSorted(string[] usings)
    {
        // Aliases ("X = Y") after plain directives; System and System.* first; then ordinal, case ignored.
        static (bool Alias, bool NotSystem, string Name) Key(string name) =>
            (name.Contains('=', StringComparison.Ordinal), !(name == "System" || name.StartsWith("System.", StringComparison.Ordinal)), name);
        var sorted = usings.Order(Comparer<string>.Create((a, b) =>
        {
            var (x, y) = (Key(a), Key(b));
            return x.Alias != y.Alias ? x.Alias.CompareTo(y.Alias)
                : x.NotSystem != y.NotSystem ? x.NotSystem.CompareTo(y.NotSystem)
                : string.Compare(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);
        }));
        return sorted.SequenceEqual(usings);
    }

    [GeneratedRegex(@"^using (?!static )(?<name>[^;(]+);\s*$")]
    private static partial Regex UsingDirective();
}

namespace DrrsGateway.TestSupport;

/// <summary>The clone these tests were built from, addressed relative to its root (the folder holding <c>DrrsGateway.sln</c>).</summary>
public static class RepositoryFiles
{
    private const string SolutionFile = "DrrsGateway.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>A repository file, from its path relative to the root with <c>/</c> separators.</summary>
    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadAllText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    // The tests run from tests/<project>/bin/<configuration>/<framework>/, wherever the clone lives.
    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {SolutionFile}.");
    }
}

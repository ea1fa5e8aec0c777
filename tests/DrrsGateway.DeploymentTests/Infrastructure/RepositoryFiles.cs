namespace DrrsGateway.DeploymentTests.Infrastructure;

/// <summary>The files of the repository these tests were built from, addressed relative to its root.</summary>
internal static class RepositoryFiles
{
    private const string SolutionFile = "DrrsGateway.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>DrrsGateway.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

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

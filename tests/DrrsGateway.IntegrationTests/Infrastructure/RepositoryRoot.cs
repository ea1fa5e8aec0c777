namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>The clone these tests were built from: the folder holding <c>DrrsGateway.sln</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(Find);

    public static string Path => LazyPath.Value;

    /// <summary>A repository file, from its path relative to the root with <c>/</c> separators.</summary>
    public static string PathOf(string relativePath) =>
        System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    // The tests run from tests/<project>/bin/<configuration>/<framework>/, wherever the clone lives.
    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "DrrsGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DrrsGateway.sln not found above " + AppContext.BaseDirectory);
    }
}

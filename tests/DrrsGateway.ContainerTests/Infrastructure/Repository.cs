namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>The clone these tests were built from: the build context of the images.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding the Dockerfile and <c>DrrsGateway.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    // The tests run from tests/<project>/bin/<configuration>/<framework>/, wherever the clone lives.
    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DrrsGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds DrrsGateway.sln.");
    }
}

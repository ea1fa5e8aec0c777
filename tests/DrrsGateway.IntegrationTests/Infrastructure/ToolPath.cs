namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>Finds the programs the fixtures start (redis-server, prometheus, promtool) on PATH.</summary>
internal static class ToolPath
{
    /// <summary>The full path of <paramref name="name"/> in the first PATH folder holding it, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

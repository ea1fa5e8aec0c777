using DrrsGateway.TestSupport;

namespace DrrsGateway.DeploymentTests.Infrastructure;

/// <summary>
/// Runs programs such as kubectl, docker-compose and bash when the machine has them. The suite must pass
/// without them (deploy/validate.sh runs the validators in CI), so "not installed" is an answer, not a failure.
/// </summary>
internal static class ExternalTool
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs <paramref name="program"/> from the repository root; null when it is not on PATH.</summary>
    public static CommandResult? TryRun(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null) =>
        ExternalCommand.Find(program) is { } path
            ? ExternalCommand.RunAsync(path, arguments, timeout ?? DefaultTimeout, environment).GetAwaiter().GetResult()
            : null;

    public static bool IsInstalled(string program) => ExternalCommand.Find(program) is not null;
}

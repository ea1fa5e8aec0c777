using System.Diagnostics;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// External commands as the tests' TestSupport runs them, except that a command past its deadline is killed
/// leaves first: buildah's chroot helper and the app under it outlive Process.Kill(entireProcessTree).
/// </summary>
internal static class Command
{
    public static Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalCommand.RunAsync(program, arguments, timeout, environment, process => ProcessTree.KillTreeAsync(process.Id));

    public static ProcessStartInfo StartInfo(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalCommand.StartInfo(program, arguments, environment);

    /// <summary>Whether <paramref name="program"/> is on PATH.</summary>
    public static bool IsInstalled(string program) => ExternalCommand.Find(program) is not null;
}

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// Runs a command inside a named network namespace (`ip netns add`) and nothing else: nsenter joins only the
/// network, where `ip netns exec` also makes a mount namespace, in which buildah 1.28 cannot clean up
/// after `buildah run` and panics (exit 2) after the app itself exited 0.
/// </summary>
internal static class NetworkNamespace
{
    public const string Program = "nsenter";

    public static string[] Arguments(string name, IEnumerable<string> command) => [$"--net=/run/netns/{name}", "--", .. command];
}

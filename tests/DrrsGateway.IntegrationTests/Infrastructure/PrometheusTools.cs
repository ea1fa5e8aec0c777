namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's <c>prometheus</c> and <c>promtool</c>. When they are missing the tests fail saying how to get
/// them; they never skip.
/// </summary>
public static class PrometheusTools
{
    public static string Prometheus => Find("prometheus");

    public static string Promtool => Find("promtool");

    private static string Find(string name) =>
        ToolPath.Find(name)
        ?? throw new InvalidOperationException(
            $"{name} was not found on PATH. The monitoring tests run the shipped alert rules and dashboard in a real " +
            "Prometheus: install it (Debian: apt-get install prometheus, which ships promtool too). `bash .ci/run` installs it.");
}

using System.Text.Json;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>The run configuration an image carries (Docker's image format): what an engine starts and checks.</summary>
internal sealed record ImageConfig(
    string User,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> HealthcheckTest,
    TimeSpan HealthcheckTimeout,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The process an engine starts: entrypoint, then command.</summary>
    public IReadOnlyList<string> StartCommand => [.. Entrypoint, .. Cmd];

    /// <summary>
    /// The HEALTHCHECK as the process an engine runs inside the container: <c>CMD</c> runs its arguments,
    /// <c>CMD-SHELL</c> runs its one string through /bin/sh; empty when the image has none.
    /// </summary>
    public IReadOnlyList<string> HealthcheckCommand => HealthcheckTest switch
    {
        ["CMD", ..] => [.. HealthcheckTest.Skip(1)],
        ["CMD-SHELL", var shell] => ["/bin/sh", "-c", shell],
        _ => [],
    };

    public static ImageConfig FromDockerConfig(JsonElement config)
    {
        var environment = Strings(config, "Env")
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
        var healthcheck = config.TryGetProperty("Healthcheck", out var check) && check.ValueKind == JsonValueKind.Object
            ? check
            : default;
        var labels = config.TryGetProperty(nameof(Labels), out var labelObject) && labelObject.ValueKind == JsonValueKind.Object
            ? labelObject.EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? "")
            : [];
        return new ImageConfig(
            config.TryGetProperty(nameof(User), out var user) ? user.GetString() ?? "" : "",
            environment,
            Strings(config, "Entrypoint"),
            Strings(config, "Cmd"),
            healthcheck.ValueKind == JsonValueKind.Object ? Strings(healthcheck, "Test") : [],
            healthcheck.ValueKind == JsonValueKind.Object && healthcheck.TryGetProperty("Timeout", out var timeout)
                ? TimeSpan.FromTicks(timeout.GetInt64() / 100)
                : TimeSpan.FromSeconds(30),
            labels);
    }

    private static string[] Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.GetString() ?? "")]
            : [];
}

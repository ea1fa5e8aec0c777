using System.Diagnostics;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>The images started as an operator would start them on a host network: `-e` settings only.</summary>
internal static class Lab
{
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(60);

    public static Task<RunningContainer> StartSimulatorAsync(Buildah buildah, int port) =>
        RunningContainer.StartAsync(buildah, BuiltImages.Simulator, new ContainerOptions
        {
            Environment = new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = Port(port) },
        });

    /// <summary>
    /// A gateway container in front of the simulator at <paramref name="simulatorPort"/>, believing
    /// <see cref="DrrsCall.UserHeader"/> from loopback (the tests' own address on a host network).
    /// </summary>
    public static Task<RunningContainer> StartGatewayAsync(
        Buildah buildah, int simulatorPort, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = $"http://127.0.0.1:{Port(simulatorPort)}/",
            ["Aup__Identity__TrustedHeader"] = DrrsCall.UserHeader,
            ["Aup__Identity__TrustedProxies"] = "127.0.0.1/32",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return RunningContainer.StartAsync(buildah, BuiltImages.Gateway, new ContainerOptions { Environment = environment });
    }

    /// <summary>Waits until <paramref name="baseAddress"/> answers <c>/healthz</c> 200, or fails with the container's errors.</summary>
    public static async Task WaitUntilServingAsync(HttpClient client, Uri baseAddress, RunningContainer container)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ServingTimeout)
        {
            if (container.HasExited)
            {
                throw new InvalidOperationException($"The container exited before serving:\n{container.Errors}\n{string.Join('\n', container.OutputLines)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseAddress, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{baseAddress} did not serve /healthz within {ServingTimeout.TotalSeconds} s:\n{container.Errors}");
    }

    public static Uri Loopback(int port) => new($"http://127.0.0.1:{Port(port)}/");

    public static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

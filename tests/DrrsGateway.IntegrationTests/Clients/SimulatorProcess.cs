using System.Globalization;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// The simulated DRRS backend as its own process, <c>dotnet DrrsGateway.Simulator.dll</c> from the copy of its
/// build output in <c>simulator/</c> beside the tests, listening on a free loopback port.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    /// <summary>The folder, beside the test assembly, that the project's CopySimulatorProcess target fills.</summary>
    public const string Folder = "simulator";

    /// <summary>The simulator's response header numbering every request that reached it.</summary>
    public const string RequestNumberHeader = "X-Drrs-Simulator-Request";

    private readonly DotnetAppProcess _process;

    private SimulatorProcess(DotnetAppProcess process, Uri baseAddress, Uri? httpsAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        HttpsAddress = httpsAddress;
    }

    /// <summary>Its plain HTTP address (health checks, the control endpoint).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Its HTTPS address, where <c>Simulator__Tls__*</c> apply; null unless started with <c>https: true</c>.</summary>
    public Uri? HttpsAddress { get; }

    /// <summary>Every line the simulator wrote to stdout or stderr.</summary>
    public IReadOnlyCollection<string> Output => _process.Output;

    /// <summary>
    /// Starts the simulator with <paramref name="environment"/> (e.g. <c>Simulator__Aup__Enabled=true</c>), with
    /// <paramref name="https"/> also on an HTTPS port beside the HTTP one, as DRRS behind mutual TLS.
    /// </summary>
    public static async Task<SimulatorProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, bool https = false)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, Folder, "DrrsGateway.Simulator.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException(
                $"The simulator's build output is missing: {assembly} does not exist. The test project's CopySimulatorProcess "
                + "target copies it there after building src/DrrsGateway.Simulator; rebuild tests/DrrsGateway.IntegrationTests.");
        }

        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        Uri? httpsAddress = null;
        if (https)
        {
            httpsAddress = new Uri($"https://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
            settings["ASPNETCORE_URLS"] = $"{baseAddress.ToString().TrimEnd('/')};{httpsAddress.ToString().TrimEnd('/')}";
        }

        var process = await DotnetAppProcess.StartAsync("simulator", assembly, port, settings, baseAddress);
        return new SimulatorProcess(process, baseAddress, httpsAddress);
    }

    /// <summary>
    /// How many operation calls have reached the simulator: its health endpoint reports the count in
    /// <see cref="RequestNumberHeader"/> without raising it.
    /// </summary>
    public async Task<long> CallsSoFarAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues(RequestNumberHeader).Single(), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>What the simulator executed and refused of <paramref name="user"/>'s calls (<c>GET /_simulator/calls?user=</c>).</summary>
    public async Task<(int Executed, int Refused)> CallsOfAsync(string user)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var report = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/_simulator/calls?user=" + Uri.EscapeDataString(user)));
        return (report.RootElement.GetProperty("executed").GetInt32(), report.RootElement.GetProperty("refused").GetInt32());
    }
}

using System.Globalization;
using DrrsGateway.IntegrationTests.Infrastructure;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// One simulator process and one published gateway process in front of it, shared by a test class: starting
/// both costs seconds. The gateway is configured only by environment variables, on its embedded store.
/// </summary>
public sealed class WcfGatewayFixture : IAsyncLifetime
{
    /// <summary>CAISO's window; tests never wait it out.</summary>
    public const int WindowSeconds = 30;

    /// <summary>A route with a short window, so a test can watch retries outlive the first window.</summary>
    public const int ShortWindowSeconds = 2;

    /// <summary>Prefix of that route; the gateway strips it before forwarding, so the simulator sees the usual paths.</summary>
    public const string ShortWindowPrefix = "/short";

    private SimulatorProcess? _simulator;
    private GatewayProcess? _gateway;

    public Uri GatewayAddress => (_gateway ?? throw NotStarted()).BaseAddress;

    /// <summary>The simulator itself, to count the calls that reached it.</summary>
    public SimulatorProcess Simulator => _simulator ?? throw NotStarted();

    /// <summary>What both processes wrote, for failure messages.</summary>
    public string Output => string.Join(
        Environment.NewLine,
        ["--- gateway ---", .. _gateway?.Output ?? [], "--- simulator ---", .. _simulator?.Output ?? []]);

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorProcess.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _simulator.BaseAddress.ToString(),
            ["Aup__WindowSeconds"] = WindowSeconds.ToString(CultureInfo.InvariantCulture),
            ["Aup__Identity__TrustedHeader"] = DrrsUserHeaderBehavior.HeaderName,
            ["ReverseProxy__Routes__short__ClusterId"] = "drrs",
            ["ReverseProxy__Routes__short__Match__Path"] = ShortWindowPrefix + "/{**rest}",
            ["ReverseProxy__Routes__short__Metadata__AupWindowSeconds"] = ShortWindowSeconds.ToString(CultureInfo.InvariantCulture),
            ["ReverseProxy__Routes__short__Transforms__0__PathRemovePrefix"] = ShortWindowPrefix,
        };
        try
        {
            _gateway = await GatewayProcess.StartAsync(environment);
        }
        catch (InvalidOperationException e)
        {
            var output = Output;
            await _simulator.DisposeAsync();
            _simulator = null;
            throw new InvalidOperationException($"The gateway in front of the simulator did not start: {e.Message}{Environment.NewLine}{output}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("The gateway and simulator processes have not been started.");
}

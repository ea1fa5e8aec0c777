using DrrsGateway.IntegrationTests.Infrastructure;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// A Java backend and the built gateway in front of it, both real processes on loopback. The window is
/// CAISO's 30 s: no test waits it out, each uses users of its own.
/// </summary>
public abstract class PeerGatewayFixture : IAsyncLifetime
{
    private JavaBackend? _backend;
    private GatewayProcess? _gateway;

    public JavaBackend Backend => _backend ?? throw new InvalidOperationException("The fixture has not started.");

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A client of the gateway.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client of the backend itself, around the gateway.</summary>
    public HttpClient Direct { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Whether xunit disposes a fixture whose start failed is not ours to rely on: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        _backend = await StartBackendAsync();
        var environment = new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _backend.Address.ToString(),
            ["Aup__WindowSeconds"] = "30",
            ["Aup__Identity__TrustedHeader"] = PeerRequests.UserHeader,
        };
        _gateway = await GatewayProcess.StartAsync(environment);
        Client = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Direct = new HttpClient { BaseAddress = _backend.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Stops everything that started; safe to call twice.</summary>
    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Direct?.Dispose();
        var (gateway, backend) = (_gateway, _backend);
        (_gateway, _backend) = (null, null);
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (backend is not null)
        {
            await backend.DisposeAsync();
        }
    }

    protected abstract Task<JavaBackend> StartBackendAsync();
}

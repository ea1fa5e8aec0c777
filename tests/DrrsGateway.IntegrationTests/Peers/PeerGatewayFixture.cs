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
    private GatewayProcess? _alwaysChecking;

    public JavaBackend Backend => _backend ?? throw new InvalidOperationException("The fixture has not started.");

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A client of the gateway.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client of the backend itself, around the gateway.</summary>
    public HttpClient Direct { get; private set; } = null!;

    /// <summary>
    /// A client of a second gateway with <c>Aup:Soap:EnvelopeCheck=Always</c>, the setting for backends that
    /// serve several operations under one path prefix; null unless the fixture starts one.
    /// </summary>
    public HttpClient? AlwaysCheckingClient { get; private set; }

    /// <summary>Whether a second gateway with <c>EnvelopeCheck=Always</c> runs in front of the backend too.</summary>
    protected virtual bool StartsAlwaysCheckingGateway => false;

    /// <summary>The client of the gateway configured as <paramref name="envelopeCheck"/> names: <c>Default</c> or <c>Always</c>.</summary>
    public HttpClient ClientFor(string envelopeCheck) => envelopeCheck switch
    {
        "Default" => Client,
        "Always" => AlwaysCheckingClient ?? throw new InvalidOperationException("This fixture starts no EnvelopeCheck=Always gateway."),
        _ => throw new ArgumentOutOfRangeException(nameof(envelopeCheck), envelopeCheck, "Default or Always."),
    };

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
        var gateway = GatewayProcess.StartAsync(environment);
        var alwaysChecking = StartsAlwaysCheckingGateway
            ? GatewayProcess.StartAsync(new Dictionary<string, string>(environment) { ["Aup__Soap__EnvelopeCheck"] = "Always" })
            : Task.FromResult<GatewayProcess?>(null)!;
        try
        {
            _gateway = await gateway;
        }
        finally
        {
            _alwaysChecking = await alwaysChecking;
        }

        Client = new HttpClient { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        AlwaysCheckingClient = _alwaysChecking is null ? null : new HttpClient { BaseAddress = _alwaysChecking.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Direct = new HttpClient { BaseAddress = _backend.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Stops everything that started; safe to call twice.</summary>
    public async Task DisposeAsync()
    {
        Client?.Dispose();
        AlwaysCheckingClient?.Dispose();
        Direct?.Dispose();
        var (gateway, alwaysChecking, backend) = (_gateway, _alwaysChecking, _backend);
        (_gateway, _alwaysChecking, _backend) = (null, null, null);
        foreach (var process in new[] { gateway, alwaysChecking })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        if (backend is not null)
        {
            await backend.DisposeAsync();
        }
    }

    protected abstract Task<JavaBackend> StartBackendAsync();
}

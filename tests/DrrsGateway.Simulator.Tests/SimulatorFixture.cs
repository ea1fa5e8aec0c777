namespace DrrsGateway.Simulator.Tests;

/// <summary>The simulator with its default settings, shared by the tests of one class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private SimulatorHost? _host;

    /// <summary>A client whose base address is the running simulator.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync();
        Client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

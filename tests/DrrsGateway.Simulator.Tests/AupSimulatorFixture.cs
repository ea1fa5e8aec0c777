using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.Simulator.Tests;

/// <summary>The simulator enforcing the policy (window 30 s) on a fake clock the tests advance.</summary>
public sealed class AupSimulatorFixture : IAsyncLifetime
{
    private SimulatorHost? _host;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 18, 40, 0, TimeSpan.Zero));

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await SimulatorHost.StartAsync(["--Simulator:Aup:Enabled=true"], Clock);
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

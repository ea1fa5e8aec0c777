namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Base for tests against one in-process gateway with its defaults in front of a fresh
/// <see cref="RecordingBackend"/>, and a client of it from a trusted proxy.
/// </summary>
public abstract class GatewayTests : IAsyncLifetime
{
    /// <summary>The stand-in DRRS for the current test class.</summary>
    protected RecordingBackend Backend { get; private set; } = null!;

    protected GatewayFactory Gateway { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await RecordingBackend.StartAsync();
        Gateway = new GatewayFactory(Backend.Address);
        Client = Gateway.CreateClientFrom();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>Base for tests that need only a fresh <see cref="RecordingBackend"/> per test.</summary>
public abstract class BackendTests : IAsyncLifetime
{
    /// <summary>The stand-in DRRS for the current test.</summary>
    protected RecordingBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync() => Backend = await RecordingBackend.StartAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();
}

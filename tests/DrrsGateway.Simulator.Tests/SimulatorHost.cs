using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DrrsGateway.Simulator.Tests;

/// <summary>The simulator on Kestrel at a free loopback port, with settings as <c>--Key=Value</c> and an optional clock.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public Uri BaseAddress { get; }

    /// <param name="settings">Extra command-line settings, e.g. <c>--Simulator:Aup:Enabled=true</c>.</param>
    /// <param name="clock">The simulator's clock; the system's when <c>null</c>.</param>
    /// <param name="scheme"><c>http</c> or <c>https</c>.</param>
    public static async Task<SimulatorHost> StartAsync(IEnumerable<string>? settings = null, TimeProvider? clock = null, string scheme = "http")
    {
        string[] args = ["--urls", $"{scheme}://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", .. settings ?? []];
        var app = SimulatorProgram.Build(args, clock is null ? null : services => services.AddSingleton(clock));
        await app.StartAsync();
        return new SimulatorHost(app);
    }

    /// <summary>A client of the simulator, through <paramref name="handler"/> when given.</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler(), disposeHandler: true) { BaseAddress = BaseAddress };

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

using System.Globalization;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The built gateway run the way operators run it: <c>dotnet DrrsGateway.dll</c> as its own process,
/// configured only through environment variables, listening on a real loopback port.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly DotnetAppProcess _process;

    private GatewayProcess(DotnetAppProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Every line the gateway wrote to stdout or stderr.</summary>
    public IReadOnlyCollection<string> Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<GatewayProcess> StartAsync(IDictionary<string, string> environment, int? port = null)
    {
        var chosenPort = port ?? FreePort.Next();

        // With a management port, health answers only there.
        var healthPort = environment.TryGetValue("Management__Port", out var management) ? int.Parse(management, CultureInfo.InvariantCulture) : chosenPort;
        var process = await DotnetAppProcess.StartAsync(
            "gateway",
            Path.Combine(AppContext.BaseDirectory, "DrrsGateway.dll"),
            chosenPort,
            environment,
            new Uri($"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}/"));
        return new GatewayProcess(process, chosenPort);
    }

    /// <summary>Asks the gateway to stop as a container runtime would (SIGTERM) and waits for it.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

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

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SimulatorProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Every line the simulator wrote to stdout or stderr.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static async Task<SimulatorProcess> StartAsync()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, Folder);
        var assembly = Path.Combine(directory, "DrrsGateway.Simulator.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException(
                $"The simulator's build output is missing: {assembly} does not exist. The test project's CopySimulatorProcess "
                + "target copies it there after building src/DrrsGateway.Simulator; rebuild tests/DrrsGateway.IntegrationTests.");
        }

        var port = Infrastructure.FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the simulator process.");
        var simulator = new SimulatorProcess(process, port);
        process.OutputDataReceived += (_, e) => simulator.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => simulator.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await simulator.WaitUntilLiveAsync();
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }

        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The simulator exited with code {_process.ExitCode} at start:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException(
            $"The simulator did not answer /healthz within 30 s:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
    }
}

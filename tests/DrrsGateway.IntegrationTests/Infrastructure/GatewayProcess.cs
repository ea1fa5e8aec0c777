using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The built gateway run the way operators run it: <c>dotnet DrrsGateway.dll</c> as its own process,
/// configured only through environment variables, listening on a real loopback port.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Every line the gateway wrote to stdout or stderr.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public static async Task<GatewayProcess> StartAsync(IDictionary<string, string> environment, int? port = null)
    {
        var directory = AppContext.BaseDirectory;
        var chosenPort = port ?? FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "DrrsGateway.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosenPort.ToString(CultureInfo.InvariantCulture)}";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway process.");
        var gateway = new GatewayProcess(process, chosenPort);
        process.OutputDataReceived += (_, e) => gateway.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // With a management port, health answers only there.
        var healthPort = environment.TryGetValue("Management__Port", out var management) ? int.Parse(management, CultureInfo.InvariantCulture) : chosenPort;
        await gateway.WaitUntilLiveAsync(new Uri($"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}/"));
        return gateway;
    }

    /// <summary>Asks the gateway to stop as a container runtime would (SIGTERM) and waits for it.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
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

    private async Task WaitUntilLiveAsync(Uri healthAddress)
    {
        using var client = new HttpClient { BaseAddress = healthAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The gateway exited with code {_process.ExitCode} at start:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
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

        throw new InvalidOperationException("The gateway did not answer /healthz within 30 s.");
    }
}

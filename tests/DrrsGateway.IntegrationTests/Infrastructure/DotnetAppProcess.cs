using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// One of the project's own apps run as operators run it, <c>dotnet App.dll</c> in its own process on a
/// loopback port, configured only through environment variables; its output is kept for assertions and
/// start-up failures. Stopped (with its children) on dispose.
/// </summary>
public sealed class DotnetAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly ConcurrentQueue<string> _output = new();

    private DotnetAppProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>Every line the app wrote to stdout or stderr.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="assembly"/> listening on <paramref name="port"/> and waits until
    /// <paramref name="healthAddress"/> answers <c>/healthz</c>; a failed start is stopped and reported with its output.
    /// </summary>
    public static async Task<DotnetAppProcess> StartAsync(string name, string assembly, int port, IDictionary<string, string> environment, Uri healthAddress)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {name} process.");
        var app = new DotnetAppProcess(process, name);
        process.OutputDataReceived += (_, e) => app.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => app.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ProcessReadiness.WaitUntilAnswersAsync(process, name, healthAddress, "/healthz", () => string.Join(Environment.NewLine, app._output));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Waits for the app to exit by itself.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

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
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// A Java DRRS backend compiled from tests/peers/java and run as its own process on free loopback ports.
/// It counts the operations it executed per user (the X-Drrs-User header it received); tests read the counts
/// from its control port, so they assert on what really ran behind the gateway.
/// </summary>
public sealed class JavaBackend : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _control;

    private JavaBackend(Process process, string directory, int port, int controlPort)
    {
        _process = process;
        _directory = directory;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{controlPort.ToString(CultureInfo.InvariantCulture)}/") };
    }

    /// <summary>Where the backend serves DRRS, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// JAX-WS RI's JDK-httpserver transport: SOAP 1.1 at /sst/runtime.asvc, SOAP 1.2 at /sst/soap12/runtime.asvc,
    /// a bare-style service at /sst/bare/runtime.asvc.
    /// </summary>
    public static async Task<JavaBackend> StartJaxwsAsync()
    {
        return await BuildAndStartAsync(JavaClasspaths.JaxwsRuntime, "peers.JaxwsBackend", async classes =>
        {
            await JavaBuild.CompileAsync(classes, JavaClasspaths.JaxwsRuntime, "Counts.java", "DrrsService.java", "DrrsBareService.java", "JaxwsBackend.java");
            await JavaBuild.GenerateWrappersAsync(classes, "peers.DrrsService");
        });
    }

    /// <summary>Embedded Tomcat 10, one servlet at /sst/runtime.asvc/* that runs the operation its path names.</summary>
    public static async Task<JavaBackend> StartTomcatAsync()
    {
        return await BuildAndStartAsync(JavaClasspaths.Tomcat, "peers.TomcatBackend", classes =>
            JavaBuild.CompileAsync(classes, JavaClasspaths.Tomcat, "Counts.java", "OperationServlet.java", "TomcatBackend.java"));
    }

    /// <summary>How many times each operation ran for <paramref name="user"/>; operations that never ran are absent.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ExecutedAsync(string user) =>
        await _control.GetFromJsonAsync<Dictionary<string, int>>("counts?user=" + Uri.EscapeDataString(user)) ?? [];

    /// <summary>How many requests from <paramref name="user"/> reached the backend at all (the Tomcat servlet records them).</summary>
    public async Task<int> ReceivedAsync(string user) =>
        int.Parse(await _control.GetStringAsync("received?user=" + Uri.EscapeDataString(user)), CultureInfo.InvariantCulture);

    /// <summary>Everything the backend printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Builds into a fresh temp directory and starts from it; the directory goes if the build fails.</summary>
    private static async Task<JavaBackend> BuildAndStartAsync(string classpath, string mainClass, Func<string, Task> build)
    {
        var classes = Directory.CreateTempSubdirectory("drrs-peer-").FullName;
        try
        {
            await build(classes);
        }
        catch
        {
            Directory.Delete(classes, recursive: true);
            throw;
        }

        return await StartAsync(classes, classpath, mainClass);
    }

    private static async Task<JavaBackend> StartAsync(string classes, string classpath, string mainClass)
    {
        var (port, controlPort) = (FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo(PeerTools.Java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classes + Path.PathSeparator + classpath, mainClass, port.ToString(CultureInfo.InvariantCulture), controlPort.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {mainClass}.");
        var backend = new JavaBackend(process, classes, port, controlPort);
        process.OutputDataReceived += (_, e) => backend.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => backend.Collect(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => backend._ready.TrySetException(new InvalidOperationException($"{mainClass} exited at start:{Environment.NewLine}{backend.Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await backend._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception failure)
        {
            await backend.DisposeAsync();
            throw failure is TimeoutException
                ? new InvalidOperationException($"{mainClass} did not print READY within 60 s:{Environment.NewLine}{backend.Output}")
                : failure;
        }

        return backend;
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line == "READY")
        {
            _ready.TrySetResult();
        }
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> process on a free loopback port, started for the tests and stopped after.
/// When Redis cannot be started the tests fail with a message saying why; they never skip silently.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private const string ServerPathVariable = "DRRS_REDIS_SERVER";
    private readonly string _executable;
    private readonly IReadOnlyList<string> _extraArguments;
    private Process? _process;

    private RedisServer(string executable, int port, IReadOnlyList<string> extraArguments)
    {
        _executable = executable;
        Port = port;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server; <paramref name="port"/> defaults to a free one.</summary>
    public static RedisServer Start(int? port = null, params string[] extraArguments)
    {
        var executable = Environment.GetEnvironmentVariable(ServerPathVariable) ?? FindTool("redis-server");
        var server = new RedisServer(executable, port ?? FreePort.Next(), extraArguments);
        server.Launch();
        return server;
    }

    /// <summary>The version of the redis-server the tests start (<c>redis-server --version</c>: <c>v=7.0.15</c>).</summary>
    public static Version InstalledVersion()
    {
        var executable = Environment.GetEnvironmentVariable(ServerPathVariable) ?? FindTool("redis-server");
        using var process = Process.Start(new ProcessStartInfo(executable, "--version") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var version = output.Split(' ').FirstOrDefault(part => part.StartsWith("v=", StringComparison.Ordinal));
        return Version.Parse(version?[2..] ?? throw new InvalidOperationException($"No version in: {output}"));
    }

    /// <summary>Kills the server abruptly, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port, empty.</summary>
    public void Restart()
    {
        Kill();
        Launch();
    }

    public void Dispose() => Kill();

    private void Launch()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning" }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_executable}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAnswering();
    }

    private void WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start with code {_process.ExitCode} (port {Port}).");
            }

            if (Ping())
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within 15 s.");
    }

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            // A server whose default user is off answers NOAUTH: it is up all the same.
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The path of a Redis tool on PATH, or a failure saying how to get it.</summary>
    public static string FindTool(string name) =>
        ToolPath.Find(name)
        ?? throw new InvalidOperationException(
            $"{name} was not found on PATH. The integration tests need a real Redis: install it " +
            $"(Debian: apt-get install redis-server) or point {ServerPathVariable} at redis-server. `bash .ci/run` installs it.");
}

using System.Diagnostics;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// A redis-server process on a free loopback port, without persistence: the Redis an operator's platform
/// gives the gateway containers (Redis's own image cannot be pulled here; the server is the same program).
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _port;

    private RedisServer(Process process, string port)
    {
        _process = process;
        _port = port;
    }

    public string ConnectionString => $"127.0.0.1:{_port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = Lab.Port(FreePort.Next());
        var process = Process.Start(Command.StartInfo(
            "redis-server", ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]))
            ?? throw new InvalidOperationException("redis-server did not start.");
        var server = new RedisServer(process, port);
        var deadline = Stopwatch.StartNew();
        while ((await server.CliAsync("PING")).Output.Trim() != "PONG")
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server on port {port} did not answer PING.");
            }

            await Task.Delay(100);
        }

        return server;
    }

    public async Task<int> CountKeysAsync(string pattern) =>
        (await CliAsync("--scan", "--pattern", pattern)).EnsureSuccess().Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private Task<CommandResult> CliAsync(params string[] arguments) =>
        Command.RunAsync("redis-cli", ["-p", _port, .. arguments], CommandTimeout);
}

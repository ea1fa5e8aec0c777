using System.Diagnostics;
using System.Globalization;
using System.Net;
using DrrsGateway.TestSupport;
using StackExchange.Redis;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A local Sentinel deployment: a redis-server primary, replicas of it, and three <c>redis-sentinel</c>
/// processes monitoring it (quorum 2, down-after 1 s), on free loopback ports, configs in a temporary
/// folder removed afterwards. Ports are chosen at construction, so a gateway can be given the
/// connection string before anything runs; <see cref="Start"/> starts it all.
/// </summary>
public sealed class RedisSentinelSet : IDisposable
{
    public const string ServiceName = "mymaster";
    private const string SentinelPathVariable = "DRRS_REDIS_SENTINEL";
    private const int SentinelCount = 3;

    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-sentinel-").FullName;
    private readonly int _replicaCount;
    private readonly List<int> _dataPorts;
    private readonly List<int> _sentinelPorts;
    private readonly List<RedisServer> _dataNodes = [];
    private readonly List<Process> _sentinels = [];

    public RedisSentinelSet(int replicas = 1)
    {
        _replicaCount = replicas;
        _dataPorts = [.. Enumerable.Range(0, replicas + 1).Select(_ => FreePort.Next())];
        _sentinelPorts = [.. Enumerable.Range(0, SentinelCount).Select(_ => FreePort.Next())];
        SentinelExecutable = Environment.GetEnvironmentVariable(SentinelPathVariable) ?? FindSentinel();
    }

    /// <summary>A StackExchange.Redis Sentinel configuration string, as operators write it.</summary>
    public string ConnectionString =>
        string.Join(",", _sentinelPorts.Select(port => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")) + $",serviceName={ServiceName}";

    /// <summary>The data node the sentinels currently name primary, as host:port.</summary>
    public string? CurrentPrimary { get; private set; }

    private string SentinelExecutable { get; }

    /// <summary>Starts the sentinels, then (unless <paramref name="withData"/> is false) the primary and its replicas.</summary>
    public void Start(bool withData = true)
    {
        try
        {
            StartSentinels();
            if (withData)
            {
                StartData();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Starts the primary and its replicas (the sentinels may already watch for them) and waits until all know each other.</summary>
    public void StartData()
    {
        var primary = _dataPorts[0];
        _dataNodes.Add(RedisServer.Start(primary));
        foreach (var port in _dataPorts.Skip(1))
        {
            _dataNodes.Add(RedisServer.Start(port, "--replicaof", "127.0.0.1", primary.ToString(CultureInfo.InvariantCulture)));
        }

        CurrentPrimary = $"127.0.0.1:{primary.ToString(CultureInfo.InvariantCulture)}";
        WaitUntil(() => SentinelsSee(_replicaCount), TimeSpan.FromSeconds(30), "the sentinels did not see the primary, its replicas and each other");
    }

    /// <summary>A client on the current primary, for tests that look at the data directly.</summary>
    public ConnectionMultiplexer ConnectToPrimary() =>
        ConnectionMultiplexer.Connect($"{CurrentPrimary},allowAdmin=true,connectTimeout=2000");

    /// <summary>Waits until every replica has the primary's writes so far.</summary>
    public void WaitForReplication()
    {
        using var client = ConnectToPrimary();
        var acknowledged = (long)client.GetDatabase().Execute("WAIT", _replicaCount, 5000);
        if (acknowledged < _replicaCount)
        {
            throw new InvalidOperationException($"Only {acknowledged} of {_replicaCount} replicas acknowledged the writes within 5 s.");
        }
    }

    /// <summary>Kills the current primary with SIGKILL, as a crash would.</summary>
    public void KillPrimary()
    {
        var port = int.Parse(CurrentPrimary!.Split(':')[1], CultureInfo.InvariantCulture);
        _dataNodes.Single(node => node.Port == port).Kill();
    }

    /// <summary>Waits until the sentinels name another primary; returns it.</summary>
    public string WaitForFailover(TimeSpan within)
    {
        var old = CurrentPrimary;
        string? current = null;
        WaitUntil(() => (current = AskSentinel(_sentinelPorts[0])) is { } now && now != old, within, $"the sentinels did not replace primary {old}");
        CurrentPrimary = current;
        return current!;
    }

    public void Dispose()
    {
        foreach (var sentinel in _sentinels)
        {
            if (!sentinel.HasExited)
            {
                sentinel.Kill(entireProcessTree: true);
                sentinel.WaitForExit();
            }

            sentinel.Dispose();
        }

        _sentinels.Clear();
        foreach (var node in _dataNodes)
        {
            node.Dispose();
        }

        _dataNodes.Clear();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void StartSentinels()
    {
        foreach (var port in _sentinelPorts)
        {
            // Sentinel rewrites its config file, so each gets its own, writable.
            var config = Path.Combine(_directory, $"sentinel-{port.ToString(CultureInfo.InvariantCulture)}.conf");
            File.WriteAllLines(config,
            [
                $"port {port.ToString(CultureInfo.InvariantCulture)}",
                "bind 127.0.0.1",
                "daemonize no",
                $"dir {_directory}",
                "loglevel warning",
                $"sentinel monitor {ServiceName} 127.0.0.1 {_dataPorts[0].ToString(CultureInfo.InvariantCulture)} 2",
                $"sentinel down-after-milliseconds {ServiceName} 1000",
                $"sentinel failover-timeout {ServiceName} 5000",
                $"sentinel parallel-syncs {ServiceName} 1",
            ]);
            var start = new ProcessStartInfo(SentinelExecutable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(config);
            var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {SentinelExecutable}.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _sentinels.Add(process);
        }

        WaitUntil(() => _sentinels.All(s => !s.HasExited) && _sentinelPorts.All(port => AskSentinel(port) is not null), TimeSpan.FromSeconds(15),
            "redis-sentinel did not answer (exited or not listening)");
    }

    private bool SentinelsSee(int replicas) => _sentinelPorts.All(port =>
    {
        var master = SentinelMaster(port);
        return master is not null
            && master.TryGetValue("flags", out var flags) && flags == "master"
            && master.TryGetValue("num-slaves", out var slaves) && int.Parse(slaves, CultureInfo.InvariantCulture) >= replicas
            && master.TryGetValue("num-other-sentinels", out var others) && int.Parse(others, CultureInfo.InvariantCulture) >= SentinelCount - 1;
    });

    private static Dictionary<string, string>? SentinelMaster(int port)
    {
        try
        {
            using var client = ConnectSentinel(port);
            var pairs = client.GetServer("127.0.0.1", port).SentinelMaster(ServiceName);
            return pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private static string? AskSentinel(int port)
    {
        try
        {
            using var client = ConnectSentinel(port);
            return client.GetServer("127.0.0.1", port).SentinelGetMasterAddressByName(ServiceName) is IPEndPoint endpoint
                ? $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
                : null;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    private static ConnectionMultiplexer ConnectSentinel(int port) => ConnectionMultiplexer.Connect(new ConfigurationOptions
    {
        EndPoints = { { "127.0.0.1", port } },
        CommandMap = CommandMap.Sentinel,
        AbortOnConnectFail = true,
        ConnectTimeout = 1000,
    });

    private static void WaitUntil(Func<bool> condition, TimeSpan within, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > within)
            {
                throw new InvalidOperationException($"{failure} within {within.TotalSeconds:0} s.");
            }

            Thread.Sleep(100);
        }
    }

    private static string FindSentinel()
    {
        try
        {
            return RedisServer.FindTool("redis-sentinel");
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException(
                "redis-sentinel was not found on PATH. The Sentinel tests need it: install it (Debian: apt-get install " +
                $"redis-sentinel) or point {SentinelPathVariable} at it. `bash .ci/run` installs it.");
        }
    }
}

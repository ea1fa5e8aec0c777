using System.Diagnostics;
using System.Globalization;
using DrrsGateway.TestSupport;
using StackExchange.Redis;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A local three-node Redis Cluster (no replicas): three <c>redis-server --cluster-enabled yes</c> processes
/// joined by <c>redis-cli --cluster create</c>, in a temporary folder removed afterwards.
/// </summary>
public sealed class RedisClusterFixture : IDisposable
{
    private const int NodeCount = 3;

    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-cluster-").FullName;
    private readonly List<RedisServer> _nodes = [];

    public RedisClusterFixture()
    {
        try
        {
            foreach (var port in ClusterPorts())
            {
                _nodes.Add(RedisServer.Start(port,
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"),
                    "--cluster-node-timeout", "2000",
                    "--dir", _directory));
            }

            CreateCluster();
            WaitUntilClusterIsOk();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A StackExchange.Redis configuration string naming every node.</summary>
    public string ConnectionString => string.Join(",", _nodes.Select(n => n.ConnectionString));

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    // The cluster bus listens on port + 10000, so both must be free.
    private static List<int> ClusterPorts()
    {
        var ports = new List<int>();
        while (ports.Count < NodeCount)
        {
            var port = FreePort.Next();
            if (port < 55_000 && !ports.Contains(port) && IsFree(port + 10_000))
            {
                ports.Add(port);
            }
        }

        return ports;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private void CreateCluster()
    {
        var start = new ProcessStartInfo(RedisServer.FindTool("redis-cli"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--cluster");
        start.ArgumentList.Add("create");
        foreach (var node in _nodes)
        {
            start.ArgumentList.Add($"127.0.0.1:{node.Port.ToString(CultureInfo.InvariantCulture)}");
        }

        start.ArgumentList.Add("--cluster-replicas");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--cluster-yes");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({process.ExitCode}):{Environment.NewLine}{output}");
        }
    }

    private static bool IsClusterOk(RedisServer node)
    {
        using var client = ConnectionMultiplexer.Connect(node.ConnectionString + ",allowAdmin=true");
        var server = client.GetServer(client.GetEndPoints()[0]);
        return server.Execute("CLUSTER", "INFO").ToString().Contains("cluster_state:ok", StringComparison.Ordinal);
    }

    private void WaitUntilClusterIsOk()
    {
        // Every node must agree, not just the first: a node still learning the slot map answers CLUSTERDOWN.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_nodes.All(IsClusterOk))
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException("The local Redis Cluster did not reach cluster_state:ok within 20 s.");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> that speaks only TLS (<c>--port 0 --tls-port …</c>) on a free loopback port,
/// with the certificate files a test made; stopped on dispose.
/// </summary>
public sealed class TlsRedisServer : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentOutput _output = new();

    private TlsRedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The endpoint, with no TLS option: the gateway's Redis:Tls settings turn TLS on.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="certificatePath">The server's certificate (PEM).</param>
    /// <param name="keyPath">Its private key (PEM).</param>
    /// <param name="clientCaPath">The CAs client certificates must chain to.</param>
    /// <param name="requireClientCertificates">Redis's <c>tls-auth-clients</c>: yes or no.</param>
    /// <param name="probeClient">A client certificate to present while waiting for the server to answer.</param>
    /// <param name="extraArguments">Further redis-server arguments.</param>
    public static TlsRedisServer Start(string certificatePath, string keyPath, string clientCaPath, bool requireClientCertificates, X509Certificate2? probeClient, params string[] extraArguments)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DRRS_REDIS_SERVER") ?? RedisServer.FindTool("redis-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--port", "0", "--tls-port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--tls-cert-file", certificatePath, "--tls-key-file", keyPath, "--tls-ca-cert-file", clientCaPath,
            "--tls-auth-clients", requireClientCertificates ? "yes" : "no",
            "--save", "", "--appendonly", "no", "--loglevel", "warning",
        ];
        foreach (var argument in arguments.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        var server = new TlsRedisServer(process, port);
        process.OutputDataReceived += (_, e) => server._output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => server._output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.WaitUntilAnswering(probeClient);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void WaitUntilAnswering(X509Certificate2? probeClient)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"redis-server (TLS) exited at start with code {_process.ExitCode} (port {Port}). Debian's redis-server is built with TLS; " +
                    $"its output:{Environment.NewLine}{_output}");
            }

            if (Ping(probeClient))
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"redis-server (TLS) did not answer PING on port {Port} within 15 s:{Environment.NewLine}{_output}");
    }

    private bool Ping(X509Certificate2? probeClient)
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", Port);
            // Only "is it up?": the server may carry a certificate the test means the gateway to refuse.
#pragma warning disable CA5359
            using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
#pragma warning restore CA5359
            tls.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = probeClient is null ? null : [probeClient],
            });
            tls.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = tls.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private sealed class ConcurrentOutput
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }

        public override string ToString() => string.Join(Environment.NewLine, _lines);
    }
}
